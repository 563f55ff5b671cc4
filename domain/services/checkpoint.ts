// Checkpoint verification (卡口核验, 二(二), 三(二)): the person's current code from a scanned QR
// token or an ID number, whether a one-click report is on file, and an open movement window.
// Every check — shown or refused — is kept in `checkpointChecks`; a refused token is a security
// event, so it is recorded even though the call fails.
import { createHash, randomBytes } from 'node:crypto';
import type { CheckProblem, CheckpointVerdict } from '../../types/api/checkpoint';
import type { ReportDetail } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { type StaffAccount, actingStaff } from '../staff/authorize';
import { auditDetail, auditRetried, auditWithin } from '../staff/audit';
import type { AccountDoc, CheckpointCheckDoc, PersonDoc, ReportFlagDoc, TokenUseDoc } from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { verifyToken } from '../token';
import { idNumberProblem, maskIdNumber, maskName } from '../validate/identity';
import type { ServiceContext } from './context';
import { openWindowOf } from './movement';
import { detailOf, fileReport, type ReportInput } from './report';
import { personIdFor } from './family';

const REFUSALS = {
  malformed: '无法识别的二维码，请扫描“扫码抗疫情”健康码',
  forged: '二维码校验失败：不是本系统签发的健康码，或已被篡改',
  expired: '健康码二维码已过期，请对方刷新健康码页面后重新出示',
  replayed: '该二维码已核验过，可能是截图重复使用；请对方刷新健康码页面后重新出示',
} as const;

export function checkpointName(ctx: ServiceContext, staff: StaffAccount): string {
  return `${ctx.divisions.fullName(staff.jurisdiction)}卡口`;
}

async function log(ctx: ServiceContext, staff: StaffAccount, entry: Omit<CheckpointCheckDoc, '_id' | 'at' | 'staffId' | 'checkpoint' | 'countyCode'>) {
  const at = ctx.now.toISOString();
  const doc: CheckpointCheckDoc = {
    _id: `k_${at}_${randomBytes(6).toString('hex')}`,
    at,
    staffId: staff._id,
    checkpoint: checkpointName(ctx, staff),
    countyCode: staff.jurisdiction.slice(0, 6),
    ...entry,
  };
  await ctx.store.insert('checkpointChecks', doc);
  return doc;
}

/**
 * The person a token names, refusing a malformed, forged or expired token. The use that spends the
 * token is returned, not written: useToken writes it with the check's log line and audit entry (and
 * refuses a used token there), so a crash before those cannot spend the token of a scan nobody saw.
 */
async function personFromToken(ctx: ServiceContext, staff: StaffAccount, token: string): Promise<{ person: PersonDoc; use: TokenUseDoc }> {
  const check = verifyToken(token.trim(), ctx.now, ctx.tokenSecret);
  if (!check.ok) {
    await log(ctx, staff, { kind: 'verify', result: 'refused', refusal: check.reason });
    throw badInput(REFUSALS[check.reason], 'token');
  }
  const { p: personId, n: nonce } = check.payload;
  const use: TokenUseDoc = { _id: `n_${nonce}`, personId, at: ctx.now.toISOString(), staffId: staff._id };
  const person = await ctx.store.get('persons', personId);
  if (!person) throw notFound('未找到该健康码对应的人员');
  return { person, use };
}

async function refuseReplay(ctx: ServiceContext, staff: StaffAccount, personId: string): Promise<never> {
  await log(ctx, staff, { kind: 'verify', result: 'refused', refusal: 'replayed', personId });
  throw conflict(REFUSALS.replayed, 'token');
}

/** Thrown inside the write group when the token was spent since it was looked up: the group rolls back. */
class Replayed extends Error {}

/**
 * Spends the token inside the caller's atomic group. Looked up rather than caught: on CloudBase a
 * duplicate key aborts the transaction. Two scans racing past the lookup still meet the unique `_id`.
 */
async function useToken(ctx: ServiceContext, use: TokenUseDoc): Promise<void> {
  if (await ctx.store.get('tokenUses', use._id)) throw new Replayed();
  await ctx.store.insert('tokenUses', use);
}

/** By ID number: the one person of that ID number (one person, one code), whoever reported. */
async function personFromIdNumber(ctx: ServiceContext, staff: StaffAccount, idNumber: string): Promise<PersonDoc> {
  const problem = idNumberProblem(idNumber);
  if (problem) throw badInput(problem, 'idNumber');
  const person = await ctx.store.get('persons', personIdFor(idNumber));
  if (!person) {
    await log(ctx, staff, { kind: 'verify', result: 'refused', refusal: 'unknown-person' });
    // A lookup of an ID number is a read of personal data even when nobody has it on file.
    await auditDetail(ctx, { target: `idNumber/${maskIdNumber(idNumber.toUpperCase())}`, after: { found: false } });
    throw notFound('该身份证号没有一键直报记录，请对方现场报备');
  }
  return person;
}

export async function verifyAtCheckpoint(
  ctx: ServiceContext,
  input: { token?: string; idNumber?: string },
): Promise<CheckpointVerdict> {
  const staff = await actingStaff(ctx);
  if (!input.token === !input.idNumber) throw badInput('请扫描健康码，或输入身份证号（二选一）', 'token');
  const { person, use } = input.token ? await personFromToken(ctx, staff, input.token) : { person: await personFromIdNumber(ctx, staff, input.idNumber!), use: null };

  const code = await ctx.store.get('codes', person._id);
  const [report] = await ctx.store.find('reports', { where: { personId: person._id }, orderBy: [['createdAt', 'desc']], limit: 1 });
  const movementWindow = code?.color === 'yellow' ? await openWindowOf(ctx, person._id) : null;
  const reasons: string[] = [];
  if (code && code.color !== 'green') reasons.push(code.color === 'red' ? '红码' : '黄码');
  if (report?.itineraryStar) reasons.push('行程码带*');
  if (!report) reasons.push('无一键直报记录');

  // The token's use, the log line and the entry together, after the queries: a crash between them
  // would leave a spent token (its retry refused as a replay) or a scan logged twice.
  let check: CheckpointCheckDoc;
  try {
    check = await atomically(ctx.store, async () => {
      if (use) await useToken(ctx, use);
      const shown = await log(ctx, staff, { kind: 'verify', result: 'shown', personId: person._id, ...(report ? { reportId: report._id } : {}), color: code?.color ?? null });
      await auditWithin(ctx, { target: `persons/${person._id}`, after: { checkId: shown._id, color: code?.color ?? null } });
      return shown;
    });
  } catch (e) {
    if (!(e instanceof Replayed || e instanceof DuplicateKeyError)) throw e;
    return refuseReplay(ctx, staff, person._id);
  }

  // Red, yellow or * requires a report (二(二)); with none on file the code cannot be known either.
  const mustReport = reasons.length > 0;
  return {
    checkId: check._id,
    person: { nameMasked: maskName(person.name), idNumberMasked: maskIdNumber(person.idNumber) },
    color: code?.color ?? null,
    clause: code?.decision.clause ?? null,
    reportOnFile: Boolean(report),
    report: report
      ? {
          id: report._id,
          filedAt: report.createdAt,
          arrivalDate: report.arrivalDate,
          places: report.itinerary.map((s) => s.place),
          itineraryStar: report.itineraryStar,
          destination: `${ctx.divisions.fullName(report.destination.villageCode)}${report.destination.address}`,
        }
      : null,
    movementWindow,
    mustReport,
    mustReportReason: mustReport ? `${reasons.join('、')}：须有一键直报记录${report ? '（已报备，请核对）' : '，请现场报备'}` : null,
  };
}

/**
 * A report filed at the checkpoint in the person's name (二(二)): kept under an account of the
 * person's own that only checkpoints file into (`cp_` + a digest of the ID number), marked with
 * the checkpoint, and coded by the same rules as any report.
 */
export async function reportAtCheckpoint(ctx: ServiceContext, input: ReportInput): Promise<{ report: ReportDetail; duplicate: boolean }> {
  const staff = await actingStaff(ctx);
  const problem = idNumberProblem(input.idNumber);
  if (problem) throw badInput(problem, 'idNumber');
  const accountId = `cp_${createHash('sha256').update(input.idNumber.toUpperCase()).digest('hex').slice(0, 24)}`;
  const account: AccountDoc = (await ctx.store.get('accounts', accountId)) ?? {
    _id: accountId,
    role: 'resident',
    name: input.name.trim(),
    createdAt: ctx.now.toISOString(),
  };
  const filed = await fileReport(ctx, account, input, { checkpoint: checkpointName(ctx, staff), staffId: staff._id }, async () => {
    // Written only once the report has passed every check, so bad input leaves nothing behind.
    await ctx.store.put('accounts', account);
  });
  const doc = await mustGet(ctx, filed.report.id);
  // The log line marks the checkpoint's part as done: a retry after a crash between the report and
  // it writes it then (with its audit entry, in one transaction where the store has them).
  if (!filed.duplicate || !(await ctx.store.count('checkpointChecks', { reportId: doc._id, kind: 'report' }))) {
    await atomically(ctx.store, async () => {
      await log(ctx, staff, { kind: 'report', result: 'filed', personId: doc.personId, reportId: doc._id, color: doc.decision.code });
      await auditWithin(ctx, { target: `reports/${doc._id}`, after: { code: doc.decision.code } });
    });
  } else auditRetried(ctx);
  return { report: detailOf(doc, false), duplicate: filed.duplicate };
}

async function mustGet(ctx: ServiceContext, reportId: string) {
  const doc = await ctx.store.get('reports', reportId);
  if (!doc) throw notFound('未找到该报备记录');
  return doc;
}

const PROBLEM_TEXT: Record<CheckProblem, string> = {
  cities: '行程码显示的涉疫城市未填报',
  'return-date': '返河日期不是当天',
  destination: '返河地址填报不准确',
};

/** The three checks of 三(二) on a report; a wrong one flags the report to the destination's community. */
export async function checkReport(
  ctx: ServiceContext,
  input: { checkId: string; reportId: string; citiesFilled: boolean; returnDateToday: boolean; destinationAccurate: boolean; note?: string },
): Promise<{ checkId: string; flagged: boolean; problems: CheckProblem[] }> {
  const staff = await actingStaff(ctx);
  const verified = await ctx.store.get('checkpointChecks', input.checkId);
  if (!verified || verified.staffId !== staff._id || verified.kind === 'checks') throw notFound('未找到该次核验，请先扫码核验');
  const report = await mustGet(ctx, input.reportId);
  if (verified.personId !== report.personId) throw badInput('该报备不是本次核验人员的报备', 'reportId');
  const problems: CheckProblem[] = [];
  if (!input.citiesFilled) problems.push('cities');
  if (!input.returnDateToday) problems.push('return-date');
  if (!input.destinationAccurate) problems.push('destination');
  if (problems.length && !input.note?.trim()) throw badInput(`请说明问题：${problems.map((p) => PROBLEM_TEXT[p]).join('；')}`, 'note');

  const checkId = `c_${input.checkId}`;
  const existing = await ctx.store.get('checkpointChecks', checkId);
  if (existing) return { checkId, flagged: existing.result === 'flagged', problems };
  // Flag, check record and audit entry together: the check record is what a retry looks for, so a
  // crash after it but before the audit entry would leave the check unaudited.
  await atomically(ctx.store, async () => {
    if (problems.length) {
      const flag: ReportFlagDoc = {
        _id: `f_${input.checkId}`,
        reportId: report._id,
        personId: report.personId,
        villageCode: report.destination.villageCode,
        countyCode: report.destination.countyCode,
        at: ctx.now.toISOString(),
        staffId: staff._id,
        checkpoint: checkpointName(ctx, staff),
        problems,
        note: input.note!.trim(),
      };
      await ctx.store.put('reportFlags', flag);
    }
    const at = ctx.now.toISOString();
    try {
      await ctx.store.insert('checkpointChecks', {
        _id: checkId,
        at,
        staffId: staff._id,
        checkpoint: checkpointName(ctx, staff),
        countyCode: staff.jurisdiction.slice(0, 6),
        kind: 'checks',
        result: problems.length ? 'flagged' : 'ok',
        personId: report.personId,
        reportId: report._id,
      });
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    await auditWithin(ctx, { target: `reports/${report._id}`, after: { problems }, ...(input.note ? { reason: input.note } : {}) });
  });
  return { checkId, flagged: problems.length > 0, problems };
}

/** Flags checkpoints raised on a report (for the community's daily list). */
export function flagsOf(ctx: ServiceContext, reportId: string): Promise<ReportFlagDoc[]> {
  return ctx.store.find('reportFlags', { where: { reportId }, orderBy: [['at', 'asc']], limit: 20 });
}

export function problemText(problem: CheckProblem): string {
  return PROBLEM_TEXT[problem];
}
