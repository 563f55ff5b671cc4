// Appeals against a code (三(四)): a person says why their code is wrong, with up to three photos;
// platform staff of the person's jurisdiction answer within 24 hours — the code was wrong and is
// corrected at once (changeCode, source 'appeal'), or it stands with the reason, the handling
// process, a contact phone and an address. Unanswered at the deadline, the appeal escalates to the
// Bureau (escalateOverdueAppeals, run by a scheduled job). One open appeal per person: the unique
// `openKey` index holds it in the store, whatever the concurrency.
import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { AppealAnswer, AppealSubmit } from '../../types/api/appeal';
import type { AppealStaffView, AppealStats, AppealView, CodeColor } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { FileNotFoundError, FileTooLargeError } from '../files/port';
import { auditDetail, auditWithin } from '../staff/audit';
import { actingStaff, requireWithin, type StaffAccount } from '../staff/authorize';
import type { AppealAnswerDoc, AppealDoc, PersonDoc, ReportDoc } from '../store/collections';
import { atomically, DuplicateKeyError, type Where } from '../store/port';
import { maskIdNumber, maskPhone } from '../validate/identity';
import { changeCode } from './code-change';
import { correctedDecision } from '../policy/conversion';
import { takeSlot } from './rate-limit';
import { requireAccount, type ServiceContext } from './context';
import { pageFromStore, type PageInput } from './paging';
import type { PageInfo } from '../../types/api/common';
import { ownPerson, requireOwnPerson } from './family';

export const APPEAL_DEADLINE_MS = 24 * 3_600_000;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MIN_REASON_CHARS = 5;

const COLOR_LABEL: Record<CodeColor, string> = { red: '红码', yellow: '黄码', green: '绿码' };

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
export const appealIdFor = (accountId: string, requestId: string) => `ap_${digest(accountId, requestId)}`;

/** The photo's type from its first bytes: JPEG, PNG or WebP, whatever its name says. */
export function imageType(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

async function checkPhotos(ctx: ServiceContext, fileIds: string[]): Promise<AppealDoc['photos']> {
  if (new Set(fileIds).size !== fileIds.length) throw badInput('同一张照片不能重复提交', 'photos');
  const out: AppealDoc['photos'] = [];
  for (const [i, fileId] of fileIds.entries()) {
    const field = `photos.${i}`;
    let bytes: Buffer;
    try {
      ({ bytes } = await ctx.files.read(fileId, MAX_PHOTO_BYTES));
    } catch (e) {
      if (e instanceof FileTooLargeError) throw badInput(`第${i + 1}张照片超过${MAX_PHOTO_BYTES / 1024 / 1024}MB，请压缩后重新上传`, field);
      if (e instanceof FileNotFoundError) throw badInput(`第${i + 1}张照片未找到，请重新上传`, field);
      throw e;
    }
    const type = imageType(bytes);
    if (!type) throw badInput(`第${i + 1}张照片不是图片（仅支持JPG、PNG、WebP格式）`, field);
    out.push({ fileId, type, size: bytes.length });
  }
  return out;
}

const isOverdue = (doc: AppealDoc, now: Date) => doc.status === 'open' && Date.parse(doc.deadline) <= now.getTime();

export function appealView(doc: AppealDoc, now: Date): AppealView {
  const a = doc.answer;
  return {
    id: doc._id,
    createdAt: doc.createdAt,
    deadline: doc.deadline,
    status: doc.status,
    overdue: isOverdue(doc, now),
    escalated: doc.escalated,
    reason: doc.reason,
    photoCount: doc.photos.length,
    codeAtSubmit: doc.codeAtSubmit,
    ...(a
      ? {
          answer: {
            outcome: a.outcome,
            reason: a.reason,
            ...(a.process ? { process: a.process } : {}),
            ...(a.phone ? { phone: a.phone } : {}),
            ...(a.address ? { address: a.address } : {}),
            ...(a.correctedTo ? { correctedTo: a.correctedTo } : {}),
            answeredAt: a.answeredAt,
            withinDeadline: doc.onTime ?? true,
          },
        }
      : {}),
  };
}

export async function submitAppeal(
  ctx: ServiceContext,
  input: Omit<Static<typeof AppealSubmit>, 'action'>,
): Promise<{ appeal: AppealView; duplicate: boolean }> {
  const account = await requireAccount(ctx);
  const id = appealIdFor(account._id, input.requestId);
  const earlier = await ctx.store.get('appeals', id);
  if (earlier) return { appeal: appealView(earlier, ctx.now), duplicate: true };
  await takeSlot(ctx, 'appeal', account._id);

  const reason = input.reason.trim();
  if ([...reason].length < MIN_REASON_CHARS) throw badInput(`请写明申诉理由（至少${MIN_REASON_CHARS}个字）`, 'reason');
  const person = await requireOwnPerson(ctx, account, input.personId);
  const code = await ctx.store.get('codes', person._id);
  if (!code) throw conflict('您还没有健康码，无需申诉');
  const open = await ctx.store.get('appeals', await openAppealId(ctx, person._id));
  if (open) throw conflict('您已有一个正在处理的申诉，请等待答复后再提交');
  const report = await ctx.store.get('reports', code.reportId);
  if (!report) throw new Error(`code of ${person._id} rests on a missing report ${code.reportId}`);
  const photos = await checkPhotos(ctx, input.photos ?? []);

  const doc: AppealDoc = {
    _id: id,
    personId: person._id,
    accountId: account._id,
    requestId: input.requestId,
    openKey: person._id,
    countyCode: report.destination.countyCode,
    reportId: code.reportId,
    codeAtSubmit: { color: code.color, clause: code.decision.clause },
    reason,
    photos,
    status: 'open',
    createdAt: ctx.now.toISOString(),
    deadline: new Date(ctx.now.getTime() + APPEAL_DEADLINE_MS).toISOString(),
    escalated: false,
  };
  try {
    await ctx.store.insert('appeals', doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const same = await ctx.store.get('appeals', id);
    if (same) return { appeal: appealView(same, ctx.now), duplicate: true };
    throw conflict('您已有一个正在处理的申诉，请等待答复后再提交');
  }
  return { appeal: appealView(doc, ctx.now), duplicate: false };
}

/** The id of the person's open appeal, or '' (found through the unique open key). */
async function openAppealId(ctx: ServiceContext, personId: string): Promise<string> {
  const [doc] = await ctx.store.find('appeals', { where: { openKey: personId }, limit: 1 });
  return doc?._id ?? '';
}

export async function myAppeals(ctx: ServiceContext, personId?: string): Promise<{ appeals: AppealView[] }> {
  const account = await requireAccount(ctx);
  const person = await ownPerson(ctx, account, personId);
  if (!person) return { appeals: [] };
  return { appeals: (await appealsOf(ctx, person._id)).map((d) => appealView(d, ctx.now)) };
}

export function appealsOf(ctx: ServiceContext, personId: string): Promise<AppealDoc[]> {
  return ctx.store.find('appeals', { where: { personId }, orderBy: [['createdAt', 'desc']], limit: 50 });
}

// ---- Staff ----

/** Division codes under a jurisdiction, as a range on the code string (`451202` → [451202, 451203)). */
function within(jurisdiction: string): Where[string] {
  const last = jurisdiction.slice(-1);
  const next = jurisdiction.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) + 1);
  return { $gte: jurisdiction, $lt: next };
}

async function staffView(
  ctx: ServiceContext,
  doc: AppealDoc,
  full: boolean,
  /** A page's persons and reports, read in two queries instead of two reads per appeal. */
  known?: { persons: Map<string, PersonDoc>; reports: Map<string, ReportDoc> },
): Promise<AppealStaffView> {
  const person = known ? known.persons.get(doc.personId) : await ctx.store.get('persons', doc.personId);
  const report = known ? known.reports.get(doc.reportId) : await ctx.store.get('reports', doc.reportId);
  const phone = report?.phone || person?.phone || '';
  return {
    ...appealView(doc, ctx.now),
    personName: person?.name ?? '',
    idNumberMasked: person ? maskIdNumber(person.idNumber) : '',
    phone: full ? phone : maskPhone(phone),
    countyCode: doc.countyCode,
    countyName: ctx.divisions.fullName(doc.countyCode),
    ...(full ? { photos: doc.photos.map((p) => ({ type: p.type, size: p.size })) } : {}),
  };
}

export async function appealQueue(ctx: ServiceContext, status: 'open' | 'answered' = 'open', page: PageInput = {}): Promise<{ appeals: AppealStaffView[] } & PageInfo> {
  const staff = await actingStaff(ctx);
  const { items: docs, total, nextCursor } = await pageFromStore(
    ctx.store,
    'appeals',
    { where: { status, countyCode: within(staff.jurisdiction) }, orderBy: [status === 'open' ? ['deadline', 'asc'] : ['createdAt', 'desc'], ['_id', 'asc']] },
    page,
  );
  // Two queries for the page, not two reads per appeal (a 100-row page was 200 round trips, all at
  // once against a plan's 20 database connections).
  const personIds = [...new Set(docs.map((d) => d.personId))];
  const reportIds = [...new Set(docs.map((d) => d.reportId))];
  const known = {
    persons: new Map((personIds.length ? await ctx.store.find('persons', { where: { _id: { $in: personIds } } }) : []).map((p) => [p._id, p] as const)),
    reports: new Map((reportIds.length ? await ctx.store.find('reports', { where: { _id: { $in: reportIds } } }) : []).map((r) => [r._id, r] as const)),
  };
  const appeals = await Promise.all(docs.map((d) => staffView(ctx, d, false, known)));
  await auditDetail(ctx, {
    target: `appeals?status=${status}&within=${staff.jurisdiction}`,
    after: { count: appeals.length, total, ids: docs.map((d) => d._id) },
  });
  return { appeals, total, ...(nextCursor ? { nextCursor } : {}) };
}

/** The appeal and the staff member, its county inside their jurisdiction (known once it is read). */
async function appealForStaff(ctx: ServiceContext, id: string): Promise<{ doc: AppealDoc; staff: StaffAccount }> {
  const doc = await ctx.store.get('appeals', id);
  // The role was checked at the door (APPEAL_RULES), so a stranger cannot tell which ids exist.
  if (!doc) throw notFound('未找到该申诉');
  const staff = await actingStaff(ctx);
  requireWithin(staff, doc.countyCode);
  return { doc, staff };
}

export async function getAppeal(ctx: ServiceContext, id: string): Promise<{ appeal: AppealStaffView }> {
  const { doc } = await appealForStaff(ctx, id);
  const appeal = await staffView(ctx, doc, true);
  await auditDetail(ctx, { target: `appeals/${id}`, after: { personId: doc.personId } });
  return { appeal };
}

type AnswerInput = Omit<Static<typeof AppealAnswer>, 'action'>;

/** Every check an answer must pass, before anything is written. */
function answerOf(input: AnswerInput, current: CodeColor): Omit<AppealAnswerDoc, 'answeredBy' | 'answeredRole' | 'answeredAt'> {
  const t = (s: string | undefined) => (s ?? '').trim();
  const reason = t(input.reason);
  if (reason.length < 2) throw badInput('请填写答复理由', 'reason');
  if (input.outcome === 'wrong') {
    if (!input.correctCode) throw badInput('赋码有误时，请选择更正后的健康码', 'correctCode');
    if (input.correctCode === current) throw badInput(`更正后的健康码与当前健康码相同（${COLOR_LABEL[current]}），如赋码无误请选择“赋码无误”`, 'correctCode');
    return { outcome: 'wrong', reason, correctedTo: input.correctCode };
  }
  // 三(四): the code stands → tell the reason, the handling process, a contact phone and an address.
  const process = t(input.process);
  const phone = t(input.phone);
  const address = t(input.address);
  if (process.length < 2) throw badInput('赋码无误时，须告知处理的工作流程', 'process');
  if (!/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{5,8})$/.test(phone)) throw badInput('请填写有效的联系电话（手机号或带区号的固定电话）', 'phone');
  if (address.length < 4) throw badInput('赋码无误时，须告知办理地址', 'address');
  return { outcome: 'stands', reason, process, phone, address };
}

export async function answerAppeal(ctx: ServiceContext, input: AnswerInput): Promise<{ appeal: AppealStaffView }> {
  const { doc, staff } = await appealForStaff(ctx, input.id);
  const answered = () => conflict('该申诉已答复，不能重复答复');
  if (doc.status === 'answered') throw answered();
  const code = await ctx.store.get('codes', doc.personId);
  if (!code) throw new Error(`appeal ${doc._id}: person ${doc.personId} has no code`);
  const answer: AppealAnswerDoc = {
    ...answerOf(input, code.color),
    answeredBy: staff._id,
    answeredRole: staff.role,
    answeredAt: ctx.now.toISOString(),
  };
  // A claim without the answer on the appeal: an attempt stopped part-way (without a transaction):
  // finish what it started, then refuse.
  const claimed = await ctx.store.get('appealAnswers', doc._id);
  if (claimed) {
    await completeAnswer(ctx, doc, claimed);
    throw answered();
  }
  const before = { status: doc.status, code: { color: code.color, clause: code.decision.clause } };
  // Claim, code, appeal and audit entry together, so a crash leaves none of them.
  const after = await atomically(ctx.store, async () => {
    // The claim: of two staff answering at once, one insert succeeds; the other is told it is answered.
    try {
      await ctx.store.insert('appealAnswers', { _id: doc._id, ...answer });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      throw answered();
    }
    const done = await completeAnswer(ctx, doc, answer);
    await auditWithin(ctx, { target: `appeals/${doc._id}`, before, after: { ...answer, ...done }, reason: answer.reason });
    return done;
  });
  return { appeal: await staffView(ctx, { ...doc, status: 'answered', openKey: doc._id, answer, onTime: after.onTime }, true) };
}

/** The steps after the claim; each is idempotent, so a retry after a failure finishes them. */
async function completeAnswer(ctx: ServiceContext, doc: AppealDoc, answer: AppealAnswerDoc): Promise<{ onTime: boolean; code?: CodeColor }> {
  // On time = before the deadline: at the deadline itself the appeal is already overdue.
  const onTime = Date.parse(answer.answeredAt) < Date.parse(doc.deadline);
  if (answer.outcome === 'wrong' && answer.correctedTo) {
    const code = await ctx.store.get('codes', doc.personId);
    if (code) {
      await changeCode(ctx, {
        personId: doc.personId,
        accountId: code.accountId,
        decision: correctedDecision(ctx.policy, code.decision, answer.correctedTo, answer.reason, new Date(answer.answeredAt)),
        source: 'appeal',
        eventId: `e_${doc._id}`,
        reportId: code.reportId,
        actorId: answer.answeredBy,
        reason: `申诉核查：原赋码有误，更正为${COLOR_LABEL[answer.correctedTo]}。${answer.reason}`,
      });
    }
  }
  await ctx.store.update('appeals', doc._id, { status: 'answered', openKey: doc._id, answer, onTime });
  return { onTime, ...(answer.correctedTo ? { code: answer.correctedTo } : {}) };
}

/**
 * The scheduled job (a timer-triggered cloud function in WeChat, the host's scheduler locally):
 * marks open appeals past their 24-hour deadline as escalated to the Bureau. Idempotent.
 */
export async function escalateOverdueAppeals(ctx: ServiceContext): Promise<{ escalated: string[] }> {
  const now = ctx.now.toISOString();
  // Only those not escalated yet: escalated appeals stay open until answered, and reading them again
  // would fill the run's 1,000 with work already done (index status_escalated_deadline).
  const overdue = await ctx.store.find('appeals', {
    where: { status: 'open', escalated: false, deadline: { $lte: now } },
    orderBy: [['deadline', 'asc']],
    limit: 1000,
  });
  const escalated: string[] = [];
  for (const doc of overdue) {
    if (doc.escalated) continue;
    await ctx.store.update('appeals', doc._id, { escalated: true, escalatedAt: now });
    escalated.push(doc._id);
  }
  return { escalated };
}

export async function appealStats(ctx: ServiceContext): Promise<{ stats: AppealStats }> {
  const staff = await actingStaff(ctx);
  const county = within(staff.jurisdiction);
  const now = ctx.now.toISOString();
  const [total, open, overdueOpen, answeredOnTime, answeredLate] = await Promise.all([
    ctx.store.count('appeals', { countyCode: county }),
    ctx.store.count('appeals', { status: 'open', countyCode: county }),
    ctx.store.count('appeals', { status: 'open', countyCode: county, deadline: { $lte: now } }),
    ctx.store.count('appeals', { status: 'answered', countyCode: county, onTime: true }),
    ctx.store.count('appeals', { status: 'answered', countyCode: county, onTime: false }),
  ]);
  const known = answeredOnTime + answeredLate + overdueOpen;
  const stats: AppealStats = {
    scope: staff.jurisdiction,
    total,
    open,
    overdueOpen,
    answeredOnTime,
    answeredLate,
    shareWithin24h: known ? answeredOnTime / known : null,
  };
  await auditDetail(ctx, { target: `appeals?within=${staff.jurisdiction}`, after: stats });
  return { stats };
}
