// Policy versions with an effective date (issue 11). The built-in file (config/policy/hechi.json) is
// the first version; the Bureau uploads later ones, sees each validated (schema, coverage, its own
// vectors) and its difference in words, and schedules it. From 00:00 Asia/Shanghai on its date it is
// the policy of every call; the re-coding job (./risk-job.ts, kind policy-switch) re-evaluates the
// active people — stricter at once, looser to the area administrator. A version is withdrawn only
// before its date and never edited: a correction is a new version number.
import { createHash } from 'node:crypto';
import type { PolicyCheckResult, PolicyVersionView } from '../../types/api/policy';
import type { CodeColor, LocalDate } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { FileNotFoundError, FileTooLargeError } from '../files/port';
import { checkPolicy, evaluate, hechiPolicy } from '../policy';
import { policyOfVersion, versionOn } from './policy-in-force';
import { versionOf } from '../policy/evaluate';
import type { Policy } from '../policy/types';
import { auditDetail, auditWithin } from '../staff/audit';
import { actingStaff } from '../staff/authorize';
import type { PolicyVersionDoc, ReportDoc } from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { addDays, chineseDate, isLocalDate, localDate, startOfLocalDay } from '../time';
import type { ServiceContext } from './context';
import { factsOf, placesOfReport, recodeWindowDays } from './recode';
import { riskListOn, snapshotFor } from './risk-list';

/** The built-in version's effective date: the notice's own. */
export const BUILTIN_EFFECTIVE_DATE = '2022-04-09';
const MAX_FILE_BYTES = 1024 * 1024;
/** Active reports read to estimate a version's effect when it is checked (the job re-codes them all). */
const ESTIMATE_LIMIT = 5_000;

export const policyVersionId = (policy: Pick<Policy, 'id' | 'version'>) =>
  `pv_${createHash('sha256').update(versionOf(policy)).digest('hex').slice(0, 20)}`;

// ---------------------------------------------------------------- the difference in words

const COLOR: Record<CodeColor, string> = { red: '红码', yellow: '黄码', green: '绿码' };
const days = (from: number, to: number | null) => (to === null ? `第${from}天起` : `第${from}—${to}天`);
const CATEGORY = { A: 'A类', B: 'B类', C: 'C类', none: '其他' } as const;

/** Which rules a new version changes, each said in a line of Chinese. */
export function policyChanges(before: Policy, after: Policy): string[] {
  const out: string[] = [];
  const keyOf = (r: Policy['assignment'][number]) => `${r.category}|${(r.levels ?? []).join(',')}|${r.code}`;
  const label = (r: Policy['assignment'][number]) => `${CATEGORY[r.category]}${r.levels ? `（${r.levels.map((l) => (l === 'high' ? '高风险' : '中风险')).join('、')}）` : ''}${COLOR[r.code]}`;
  const old = new Map(before.assignment.map((r) => [keyOf(r), r] as const));
  const now = new Map(after.assignment.map((r) => [keyOf(r), r] as const));
  for (const [k, r] of now) {
    const o = old.get(k);
    if (!o) out.push(`新增定码规则 ${r.clause}：${label(r)}，抵河${days(r.fromDay, r.toDay)}`);
    else {
      if (o.fromDay !== r.fromDay || o.toDay !== r.toDay) out.push(`定码规则 ${r.clause}（${label(r)}）：抵河${days(o.fromDay, o.toDay)} → ${days(r.fromDay, r.toDay)}`);
      if (o.movementWindow !== r.movementWindow) out.push(`定码规则 ${r.clause}（${label(r)}）：${r.movementWindow ? '可' : '不再可'}申请限时流动`);
      if (o.clause !== r.clause) out.push(`定码规则 ${o.clause} 改称 ${r.clause}`);
      if (o.reason !== r.reason || o.nextStep !== r.nextStep) out.push(`定码规则 ${r.clause}（${label(r)}）：告知文字有修改`);
    }
  }
  for (const [k, o] of old) if (!now.has(k)) out.push(`取消定码规则 ${o.clause}：${label(o)}，抵河${days(o.fromDay, o.toDay)}`);
  for (const m of after.measures) {
    const o = before.measures.find((x) => x.measure === m.measure);
    if (o && o.code !== m.code) out.push(`管控措施“${m.label}”：${COLOR[o.code]} → ${COLOR[m.code]}`);
    else if (o && (o.reason !== m.reason || o.nextStep !== m.nextStep || o.clause !== m.clause)) out.push(`管控措施“${m.label}”：告知文字或条款有修改`);
  }
  const convKey = (c: Policy['conversions'][number]) => `${c.from}|${c.to}|${c.categories.join(',')}`;
  const due = (c: Policy['conversions'][number]) => (c.due ? `${c.due.from === 'arrival' ? '抵河' : '赋码'}后第${c.due.days}天` : '待解除管控');
  for (const c of after.conversions) {
    const o = before.conversions.find((x) => convKey(x) === convKey(c));
    const name = `${c.categories.map((x) => CATEGORY[x]).join('、')}${COLOR[c.from]}转${COLOR[c.to]}`;
    if (!o) out.push(`新增转码规则 ${c.clause}：${name}，${due(c)}${c.negativeTest ? '，须核酸阴性' : ''}`);
    else {
      if (due(o) !== due(c)) out.push(`转码规则 ${c.clause}（${name}）：${due(o)} → ${due(c)}`);
      if (o.negativeTest !== c.negativeTest) out.push(`转码规则 ${c.clause}（${name}）：${c.negativeTest ? '须' : '不再须'}核酸阴性`);
      if (o.reason !== c.reason || o.nextStep !== c.nextStep) out.push(`转码规则 ${c.clause}（${name}）：告知文字有修改`);
    }
  }
  for (const o of before.conversions) {
    if (!after.conversions.some((c) => convKey(c) === convKey(o))) out.push(`取消转码规则 ${o.clause}：${o.categories.map((x) => CATEGORY[x]).join('、')}${COLOR[o.from]}转${COLOR[o.to]}`);
  }
  if (before.itineraryWindowDays !== after.itineraryWindowDays) out.push(`计入行程的天数：抵河前${before.itineraryWindowDays}天 → ${after.itineraryWindowDays}天`);
  if (before.monitoringDays !== after.monitoringDays) out.push(`健康监测天数：${before.monitoringDays}天 → ${after.monitoringDays}天`);
  const mw = (p: Policy) => `${p.movementWindow.minHours}—${p.movementWindow.maxHours}小时${p.movementWindow.onRequestFor ? `，仅限${p.movementWindow.onRequestFor.join('、')}申请` : ''}`;
  if (mw(before) !== mw(after)) out.push(`限时流动：${mw(before)} → ${mw(after)}`);
  if (before.movementWindow.conditions.join() !== after.movementWindow.conditions.join()) out.push('限时流动期间的要求有修改');
  for (const kind of ['sealed', 'controlled'] as const) {
    if (before.zoneLevels[kind] !== after.zoneLevels[kind]) {
      out.push(`${kind === 'sealed' ? '封控区' : '管控区'}按${after.zoneLevels[kind] === 'high' ? '高' : '中'}风险区计（原按${before.zoneLevels[kind] === 'high' ? '高' : '中'}风险区）`);
    }
  }
  if (before.appeal.clause !== after.appeal.clause || before.appeal.reason !== after.appeal.reason) out.push('申诉更正的条款或告知文字有修改');
  if (before.limits.reportAgeDays !== after.limits.reportAgeDays) out.push(`可报备的抵河日期：${before.limits.reportAgeDays}天内 → ${after.limits.reportAgeDays}天内`);
  return out;
}

// ---------------------------------------------------------------- the Bureau's actions

const rank = (c: CodeColor) => ({ green: 0, yellow: 1, red: 2 })[c];

/** How many active people the new version would re-code, evaluated at 00:00 of its date with today's list. */
async function estimate(ctx: ServiceContext, before: Policy, after: Policy, effectiveDate: LocalDate): Promise<PolicyVersionDoc['affected']> {
  const at = new Date(startOfLocalDay(effectiveDate).getTime() + 60_000);
  const windowStart = addDays(effectiveDate, -Math.max(recodeWindowDays(before), recodeWindowDays(after)));
  // County by county of Hechi through the index destination_arrival, as the switch job reads them.
  const reports: ReportDoc[] = [];
  for (const county of ctx.divisions.children('4512').map((c) => c.code)) {
    if (reports.length > ESTIMATE_LIMIT) break;
    const where = { 'destination.countyCode': county, arrivalDate: { $gte: windowStart } };
    reports.push(...(await ctx.store.find('reports', { where, limit: ESTIMATE_LIMIT + 1 - reports.length })));
  }
  const complete = reports.length <= ESTIMATE_LIMIT;
  const read = reports.slice(0, ESTIMATE_LIMIT).filter((r) => r.applied);
  const list = await riskListOn(ctx.store, localDate(ctx.now));
  const snapshot = await snapshotFor(ctx.store, list, new Set(read.flatMap((r) => placesOfReport(r).counties)));
  let stricter = 0;
  let looser = 0;
  for (const r of read) {
    const facts = { ...factsOf(ctx, r), riskList: snapshot };
    const a = evaluate(before, facts, at).code;
    const b = evaluate(after, facts, at).code;
    if (rank(b) > rank(a)) stricter++;
    else if (rank(b) < rank(a)) looser++;
  }
  return { read: read.length, stricter, looser, complete };
}

async function readPolicyFile(ctx: ServiceContext, fileId: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    ({ bytes } = await ctx.files.read(fileId, MAX_FILE_BYTES));
  } catch (e) {
    if (e instanceof FileTooLargeError) throw badInput('政策文件不能超过1MB', 'fileId');
    if (e instanceof FileNotFoundError) throw badInput('未找到上传的政策文件，请重新上传', 'fileId');
    throw e;
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw badInput('政策文件不是有效的JSON（UTF-8）', 'fileId');
  }
}

/** The version in force the day before `date` (what a version taking effect on `date` replaces). */
async function predecessor(ctx: ServiceContext, date: LocalDate): Promise<{ id: string | null; policy: Policy }> {
  const doc = await versionOn(ctx, addDays(date, -1));
  return { id: doc?._id ?? null, policy: await policyOfVersion(ctx, doc?._id ?? null) };
}

function dateProblem(ctx: ServiceContext, effectiveDate: string): void {
  if (!isLocalDate(effectiveDate)) throw badInput('生效日期不是有效的日期', 'effectiveDate');
  const today = localDate(ctx.now);
  if (effectiveDate <= today) throw badInput(`生效日期须晚于今天（${chineseDate(today)}），最早为明天0时起`, 'effectiveDate');
}

/** Checks an uploaded file: problems (schema, coverage, vectors), what it changes and whom. Writes nothing but the audit. */
export async function checkPolicyUpload(ctx: ServiceContext, input: { fileId: string; effectiveDate: string }): Promise<PolicyCheckResult> {
  dateProblem(ctx, input.effectiveDate);
  const candidate = await readPolicyFile(ctx, input.fileId);
  const problems = checkPolicy(candidate);
  const base = { effectiveDate: input.effectiveDate, problems };
  await auditDetail(ctx, { action: 'policy.check', target: `policyFiles/${input.fileId}`, after: { problems: problems.length } });
  if (problems.length) return { ...base, ok: false, changes: [], affected: null };
  const policy = candidate as Policy;
  const before = await predecessor(ctx, input.effectiveDate);
  return {
    ...base,
    ok: true,
    id: policyVersionId(policy),
    policyVersion: versionOf(policy),
    title: policy.title,
    replaces: versionOf(before.policy),
    changes: policyChanges(before.policy, policy),
    affected: await estimate(ctx, before.policy, policy, input.effectiveDate),
  };
}

export async function schedulePolicy(ctx: ServiceContext, input: { fileId: string; effectiveDate: string; reason: string }): Promise<{ version: PolicyVersionView }> {
  const staff = await actingStaff(ctx);
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明依据（文件名称或文号）', 'reason');
  dateProblem(ctx, input.effectiveDate);
  const candidate = await readPolicyFile(ctx, input.fileId);
  const problems = checkPolicy(candidate);
  if (problems.length) throw badInput(`政策文件未通过检查（${problems.length}项）：${problems.slice(0, 3).join('；')}`, 'fileId');
  const policy = candidate as Policy;
  const id = policyVersionId(policy);
  if (versionOf(policy) === versionOf(hechiPolicy) || (await ctx.store.get('policyVersions', id))) {
    throw conflict(`版本 ${versionOf(policy)} 已上传过；已排期或生效的版本不能修改，请改用新的版本号`);
  }
  const same = await ctx.store.find('policyVersions', { where: { status: 'scheduled', effectiveDate: input.effectiveDate }, limit: 1 });
  if (same.length) throw conflict(`${chineseDate(input.effectiveDate)}已排期版本 ${same[0]!.policyId}@${same[0]!.version}，请先撤回`);
  const before = await predecessor(ctx, input.effectiveDate);
  const doc: PolicyVersionDoc = {
    _id: id,
    policyId: policy.id,
    version: policy.version,
    title: policy.title,
    effectiveDate: input.effectiveDate,
    status: 'scheduled',
    switched: false,
    changes: policyChanges(before.policy, policy),
    affected: await estimate(ctx, before.policy, policy, input.effectiveDate),
    reason,
    by: staff._id,
    byName: staff.name,
    at: ctx.now.toISOString(),
  };
  // Body, version and audit entry in one transaction where the store has them: after a crash
  // between the version and its audit entry the retry would be refused as "already uploaded".
  await atomically(ctx.store, async () => {
    // The body first: a version document never exists without its file.
    await ctx.store.put('policyBodies', { _id: id, text: JSON.stringify(policy) });
    try {
      await ctx.store.insert('policyVersions', doc);
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict(`版本 ${versionOf(policy)} 已上传过，请改用新的版本号`);
      throw e;
    }
    await auditWithin(ctx, { action: 'policy.schedule', target: `policyVersions/${id}`, after: { version: versionOf(policy), effectiveDate: input.effectiveDate }, reason });
  });
  return { version: viewOf(doc, localDate(ctx.now)) };
}

export async function withdrawPolicy(ctx: ServiceContext, input: { id: string; reason: string }): Promise<{ version: PolicyVersionView }> {
  const staff = await actingStaff(ctx);
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明撤回理由', 'reason');
  const doc = await ctx.store.get('policyVersions', input.id);
  if (!doc) throw notFound('未找到该政策版本');
  if (doc.status === 'withdrawn') throw conflict('该版本已撤回');
  const today = localDate(ctx.now);
  if (doc.effectiveDate <= today) throw conflict(`该版本已于${chineseDate(doc.effectiveDate)}生效，不能撤回或修改；如需调整，请上传新版本`);
  const withdrawn = { at: ctx.now.toISOString(), by: staff._id, reason };
  // Together: after a crash between them the retry would be refused as "already withdrawn", unaudited.
  await atomically(ctx.store, async () => {
    await ctx.store.update('policyVersions', doc._id, { status: 'withdrawn', withdrawn });
    await auditWithin(ctx, { action: 'policy.withdraw', target: `policyVersions/${doc._id}`, before: { status: doc.status }, after: { status: 'withdrawn' }, reason });
  });
  return { version: viewOf({ ...doc, status: 'withdrawn', withdrawn }, today) };
}

function viewOf(doc: PolicyVersionDoc, today: LocalDate, inForce?: string | null): PolicyVersionView {
  const state = doc.status === 'withdrawn' ? 'withdrawn' : doc._id === inForce ? 'in-force' : doc.effectiveDate > today ? 'scheduled' : 'past';
  return {
    id: doc._id,
    policyVersion: `${doc.policyId}@${doc.version}`,
    title: doc.title,
    effectiveDate: doc.effectiveDate,
    state,
    changes: doc.changes,
    affected: doc.affected,
    reason: doc.reason,
    byName: doc.byName,
    at: doc.at,
    ...(doc.jobId ? { jobId: doc.jobId } : {}),
    ...(doc.withdrawn ? { withdrawn: { at: doc.withdrawn.at, reason: doc.withdrawn.reason } } : {}),
  };
}

/** Every version, newest date first, the built-in last, with the one in force marked. */
export async function listPolicies(ctx: ServiceContext): Promise<{ inForce: string; versions: PolicyVersionView[] }> {
  const today = localDate(ctx.now);
  const docs = await ctx.store.find('policyVersions', { orderBy: [['effectiveDate', 'desc']], limit: 200 });
  const current = await versionOn(ctx, today);
  const builtin: PolicyVersionView = {
    id: 'builtin',
    policyVersion: versionOf(hechiPolicy),
    title: hechiPolicy.title,
    effectiveDate: BUILTIN_EFFECTIVE_DATE,
    state: current ? 'past' : 'in-force',
    changes: [],
    affected: null,
    reason: '系统内置（config/policy/hechi.json）',
    byName: '',
    at: '',
  };
  await auditDetail(ctx, { action: 'policy.list', target: 'policyVersions', after: { count: docs.length } });
  return {
    inForce: current ? `${current.policyId}@${current.version}` : versionOf(hechiPolicy),
    versions: [...docs.map((d) => viewOf(d, today, current?._id ?? null)), builtin],
  };
}
