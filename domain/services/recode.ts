// Re-coding after a new risk list (三(三) with 一): the active reports whose itinerary touches a changed
// county or city (found by the publishing job, ./risk-job.ts, through the place index) are evaluated
// again, with the previous list and the new one, at the same moment — so only what the list changed counts. A stricter result applies at
// once, with a reason citing the new list's date; a looser one never applies by itself: it waits in
// the area administrator's worklist.
import type { Decision, LocalDate, OriginCategory } from '../../types/model';
import type { RecodeWorkItem } from '../../types/api/risk';
import { cityOf, countyOf } from '../divisions/codes';
import { badInput, conflict, notFound } from '../errors';
import { categorise, evaluate } from '../policy';
import type { Facts, RiskListSnapshot } from '../policy/evaluate';
import type { Policy } from '../policy/types';
import { auditDetail, auditWithin } from '../staff/audit';
import { actingStaff, requireWithin } from '../staff/authorize';
import type { CodeDoc, RecodeReviewDoc, ReportDoc } from '../store/collections';
import { atomically, type Where } from '../store/port';
import { chineseDate, localDate } from '../time';
import { maskIdNumber } from '../validate/identity';
import { changeCode, countyAfter } from './code-change';
import type { ServiceContext } from './context';
import { riskListOn, snapshotFor } from './risk-list';

/**
 * How far back an arrival is still "active" for re-coding: the longest period a list decides
 * (category A is red to day 21) plus the 7-day health monitoring that follows — 21 + 7 = 28 days
 * with the Hechi policy. Taken from the policy data, so it follows the policy when the policy changes.
 */
export function recodeWindowDays(policy: Policy): number {
  const longest = Math.max(...policy.assignment.map((r) => r.toDay ?? 0));
  return longest + policy.monitoringDays;
}

const COLOR_RANK = { green: 0, yellow: 1, red: 2 } as const;
const CATEGORY_RANK: Record<OriginCategory, number> = { none: 0, C: 1, B: 2, A: 3 };
/** Strictness: the colour first, then the category (red for A lasts longer than red for B). */
const rank = (d: { code?: Decision['code']; color?: CodeDoc['color']; category: OriginCategory }) =>
  COLOR_RANK[(d.code ?? d.color)!] * 10 + CATEGORY_RANK[d.category];

/** The facts of a filed report, for evaluating it again with another list. */
/** A report as re-coding reads it: from its place-index row, or the report itself. */
export interface RecodeReport {
  _id: string;
  personId: string;
  accountId: string;
  arrivalDate: LocalDate;
  itinerary: Array<Pick<ReportDoc['itinerary'][number], 'townCode' | 'departDate' | 'riskAreaIds'>>;
  destination: { countyCode: string; villageCode: string };
}

export function factsOf(ctx: ServiceContext, report: Pick<RecodeReport, 'arrivalDate' | 'itinerary'>): Omit<Facts, 'riskList'> {
  return {
    arrival: report.arrivalDate,
    itinerary: report.itinerary.map((s) => ({
      townCode: s.townCode,
      departDate: s.departDate,
      ...(s.riskAreaIds ? { riskAreaIds: s.riskAreaIds } : {}),
      countyName: ctx.divisions.fullName(countyOf(s.townCode)),
      cityName: ctx.divisions.cityName(countyOf(s.townCode)),
    })),
  };
}

const withListReason = (decision: Decision, listDate: LocalDate, prefix = ''): Decision => ({
  ...decision,
  reason: `${prefix}按${chineseDate(listDate)}发布的中高风险地区名单重新赋码：${decision.reason}`,
});

/** Pending reviews of these reports, read in one query per 500. */
async function pendingReviews(ctx: ServiceContext, reportIds: string[]): Promise<Map<string, RecodeReviewDoc[]>> {
  const out = new Map<string, RecodeReviewDoc[]>();
  for (let i = 0; i < reportIds.length; i += 500) {
    // By report only: with `status` too the database may walk every pending review instead (a re-coding
    // of the worst day leaves tens of thousands), once per batch.
    const docs = await ctx.store.find('recodeReviews', { where: { reportId: { $in: reportIds.slice(i, i + 500) } } });
    for (const d of docs) if (d.status === 'pending') out.set(d.reportId, [...(out.get(d.reportId) ?? []), d]);
  }
  return out;
}

async function supersede(ctx: ServiceContext, pending: RecodeReviewDoc[] | undefined, except?: string): Promise<void> {
  for (const p of pending ?? []) if (p._id !== except) await ctx.store.update('recodeReviews', p._id, { status: 'superseded' });
}

/** What a decision depends on in a report: its arrival date and every stop (place, day, areas ticked). */
function itineraryKey(report: Pick<RecodeReport, 'arrivalDate' | 'itinerary'>): string {
  let key = report.arrivalDate;
  // "None ticked" ([]) and "not asked" (absent) are different facts.
  for (const s of report.itinerary) key += `|${s.townCode}:${s.departDate}:${s.riskAreaIds ? s.riskAreaIds.join(',') : '-'}`;
  return key;
}

/** The counties and cities of a report's itinerary (what decides which lists can change its code). */
export function placesOfReport(report: Pick<RecodeReport, 'itinerary'>): { counties: string[]; cities: string[] } {
  const counties = [...new Set(report.itinerary.map((s) => countyOf(s.townCode)))];
  return { counties, cities: [...new Set(counties.map(cityOf))] };
}

export interface RecodeCounts {
  reportsRead: number;
  stricter: number;
  looser: number;
  unchanged: number;
}

/**
 * Evaluates reports again with the list before and the list after, at the same moment, so only what
 * the list changed counts. Stricter applies at once (its event id makes a repeat write nothing new);
 * looser waits for the area administrator. Both snapshots must hold the reports' counties.
 */
export async function recodeReports(
  ctx: ServiceContext,
  input: {
    reports: RecodeReport[];
    /** The persons' current codes, or how to read them: then only for the reports the list may change. */
    codes: Map<string, CodeDoc> | ((personIds: string[]) => Promise<Map<string, CodeDoc>>);
    before: RiskListSnapshot | null;
    after: RiskListSnapshot | null;
    versionId: string;
    actorId: string;
    /** A policy switch (issue 11): the same list, evaluated with the policy before and the policy after. */
    policies?: { before: Policy; after: Policy };
    /** How the new decision's reason says why it was re-coded (default: the new list's date). */
    restate?: (d: Decision) => Decision;
    /** The list date kept on a review (default: the new list's). */
    listDate?: LocalDate;
  },
): Promise<RecodeCounts> {
  const counts: RecodeCounts = { reportsRead: 0, stricter: 0, looser: 0, unchanged: 0 };
  const { after } = input;
  const policyBefore = input.policies?.before ?? ctx.policy;
  const policyAfter = input.policies?.after ?? ctx.policy;
  const restate = input.restate ?? ((d: Decision) => withListReason(d, after!.date));
  const listDate = input.listDate ?? after!.date;
  // The engine's categories first: with the same category both lists give the same decision, so
  // most reports a list touches need no full evaluation, no code read, no names for a reason text.
  // (Not under a policy switch: the same category may have other periods in the new policy.)
  counts.reportsRead = input.reports.length;
  // Arrivals from the same places on the same day share their categories and decisions: a batch is
  // one county's arrivals, so most of its reports repeat a few itineraries.
  const sameCategory = new Map<string, boolean>();
  // Each report's key once (the filter and both evaluations use it).
  const keyOf = new Map<RecodeReport, string>();
  const changing = input.reports.filter((report) => {
    const key = itineraryKey(report);
    keyOf.set(report, key);
    if (input.policies) return true;
    let same = sameCategory.get(key);
    if (same === undefined) {
      const bare = { arrival: report.arrivalDate, itinerary: report.itinerary };
      same = categorise(ctx.policy, { ...bare, riskList: input.before }).category === categorise(ctx.policy, { ...bare, riskList: after }).category;
      sameCategory.set(key, same);
    }
    return !same;
  });
  counts.unchanged = input.reports.length - changing.length;
  const codes = typeof input.codes === 'function' ? await input.codes([...new Set(changing.map((r) => r.personId))]) : input.codes;
  const pending = await pendingReviews(ctx, changing.map((r) => r._id));
  const memo = new Map<string, Decision>();
  const decide = (policy: Policy, list: RiskListSnapshot | null, which: string, report: RecodeReport) => {
    const key = `${which}|${keyOf.get(report)!}`;
    let decision = memo.get(key);
    if (!decision) memo.set(key, (decision = evaluate(policy, { ...factsOf(ctx, report), riskList: list }, ctx.now)));
    return decision;
  };
  for (const report of changing) {
    const old = decide(policyBefore, input.before, 'before', report);
    const next = decide(policyAfter, after, 'after', report);
    const current = codes.get(report.personId) ?? null;
    const eventId = `e_recode_${input.versionId}_${report._id}`;
    if (rank(next) > rank(old)) {
      // Applied already (a repeated batch after a crash): counted as it was the first time.
      if (current?.eventId === eventId) {
        counts.stricter++;
        continue;
      }
      // Already as strict (a measure, another report): nothing to change.
      if (current && rank(current) >= rank(next)) {
        counts.unchanged++;
        continue;
      }
      const decision = restate(next);
      await changeCode(ctx, {
        personId: report.personId,
        accountId: report.accountId,
        decision,
        source: 'recode',
        eventId,
        reportId: report._id,
        countyCode: report.destination.countyCode,
        actorId: input.actorId,
        reason: decision.reason,
      }, { current });
      // Later reports of the same person in this batch see the code as it is now.
      codes.set(report.personId, {
        _id: report.personId,
        eventId,
        accountId: report.accountId,
        color: decision.code,
        category: decision.category,
        decision,
        reportId: report._id,
        countyCode: countyAfter(current, { reportId: report._id, countyCode: report.destination.countyCode }),
        updatedAt: ctx.now.toISOString(),
      });
      await supersede(ctx, pending.get(report._id));
      counts.stricter++;
    } else if (rank(next) < rank(old) && current && current.reportId === report._id && rank(next) < rank(current)) {
      const id = `rv_${input.versionId}_${report._id}`;
      const review: RecodeReviewDoc = {
        _id: id,
        reportId: report._id,
        personId: report.personId,
        accountId: report.accountId,
        listDate,
        countyCode: report.destination.countyCode,
        villageCode: report.destination.villageCode,
        status: 'pending',
        from: { color: current.color, clause: current.decision.clause, category: current.category },
        proposed: restate(next),
        createdAt: ctx.now.toISOString(),
      };
      await ctx.store.put('recodeReviews', review);
      await supersede(ctx, pending.get(report._id), id);
      counts.looser++;
    } else {
      counts.unchanged++;
    }
  }
  return counts;
}

// ---------------------------------------------------------------- the area administrator's worklist

async function itemOf(ctx: ServiceContext, review: RecodeReviewDoc): Promise<RecodeWorkItem> {
  const report = await ctx.store.get('reports', review.reportId);
  return {
    id: review._id,
    listDate: review.listDate,
    status: review.status,
    name: report?.name ?? '',
    idNumberMasked: report ? maskIdNumber(report.idNumber) : '',
    destination: report?.destination.address ?? '',
    arrivalDate: report?.arrivalDate ?? '',
    from: review.from,
    proposed: { code: review.proposed.code, clause: review.proposed.clause, category: review.proposed.category, reason: review.proposed.reason },
    createdAt: review.createdAt,
    ...(review.reason ? { reason: review.reason } : {}),
  };
}

export async function recodeWorklist(ctx: ServiceContext, status: RecodeReviewDoc['status'] = 'pending'): Promise<{ items: RecodeWorkItem[] }> {
  const staff = await actingStaff(ctx);
  const scope = staff.jurisdiction;
  const where: Where = scope.length >= 6 ? { countyCode: scope.slice(0, 6), status } : { status };
  const docs = (await ctx.store.find('recodeReviews', { where, orderBy: [['createdAt', 'desc']], limit: 500 })).filter((r) =>
    r.villageCode.startsWith(scope),
  );
  const items = [];
  for (const doc of docs) items.push(await itemOf(ctx, doc));
  await auditDetail(ctx, { target: `jurisdiction/${scope}`, after: { status, count: items.length } });
  return { items };
}

/** The area administrator applies a looser code a new list gives (evaluated again now), or keeps the code, with a reason. */
export async function recodeDecide(ctx: ServiceContext, input: { id: string; apply: boolean; reason: string }): Promise<{ item: RecodeWorkItem }> {
  const review = await ctx.store.get('recodeReviews', input.id);
  if (!review) throw notFound('未找到该待办');
  const staff = await actingStaff(ctx);
  requireWithin(staff, review.villageCode);
  if (review.status !== 'pending') throw conflict('该待办已处理');
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明处理说明', 'reason');
  const report = await ctx.store.get('reports', review.reportId);
  if (!report) throw notFound('未找到该待办的报备记录');
  const current = await ctx.store.get('codes', review.personId);
  const at = ctx.now.toISOString();
  const before = current ? { color: current.color, clause: current.decision.clause } : null;
  const decided: RecodeReviewDoc = { ...review, status: input.apply ? 'applied' : 'dismissed', decidedAt: at, decidedBy: staff._id, reason };
  if (input.apply) {
    // Evaluated again with the list in force now: days have passed since the list was published.
    const list = await riskListOn(ctx.store, localDate(ctx.now));
    const snapshot = await snapshotFor(ctx.store, list, placesOfReport(report).counties);
    const evaluated = evaluate(ctx.policy, { ...factsOf(ctx, report), riskList: snapshot }, ctx.now);
    // A review a policy version caused (its id names no list version) says which policy it follows.
    const byList = /^rv_\d{4}-\d{2}-\d{2}_r\d+_/.test(review._id);
    const decision = byList
      ? withListReason(evaluated, list?.date ?? review.listDate, '区划管理员确认：')
      : { ...evaluated, reason: `区划管理员确认：按${ctx.policy.title}（${evaluated.policyVersion}）重新赋码：${evaluated.reason}` };
    // Code, entry and review together: a retry after a crash between them would find the review still
    // pending, the code already changed, and audit the new code as the one before.
    await atomically(ctx.store, async () => {
      await changeCode(ctx, {
        personId: review.personId,
        accountId: review.accountId,
        decision,
        source: 'recode',
        eventId: `e_${review._id}`,
        reportId: review.reportId,
        countyCode: report.destination.countyCode,
        actorId: staff._id,
        reason: `${decision.reason}（${reason}）`,
      });
      await auditWithin(ctx, { action: 'risk.recodeApply', target: `persons/${review.personId}`, before, after: { color: decision.code, clause: decision.clause, review: review._id }, reason });
      await ctx.store.put('recodeReviews', decided);
    });
  } else {
    await atomically(ctx.store, async () => {
      await auditWithin(ctx, { action: 'risk.recodeDismiss', target: `persons/${review.personId}`, before, after: { review: review._id, kept: true }, reason });
      await ctx.store.put('recodeReviews', decided);
    });
  }
  return { item: await itemOf(ctx, decided) };
}
