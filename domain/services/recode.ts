// Re-coding after a new risk list (三(三) with 一): the active reports whose itinerary touches a changed
// county or city are found through the place index and evaluated again, with the previous list and the
// new one, at the same moment — so only what the list changed counts. A stricter result applies at
// once, with a reason citing the new list's date; a looser one never applies by itself: it waits in
// the area administrator's worklist.
import type { Decision, LocalDate, OriginCategory } from '../../types/model';
import type { RecodeSummary, RecodeWorkItem } from '../../types/api/risk';
import { countyOf } from '../divisions/codes';
import { badInput, conflict, notFound } from '../errors';
import { evaluate } from '../policy';
import type { Facts } from '../policy/evaluate';
import type { Policy } from '../policy/types';
import { audit } from '../staff/audit';
import { requireStaff, type StaffAccount } from '../staff/authorize';
import type { CodeDoc, RecodeReviewDoc, ReportDoc, RiskListDiffDoc, RiskListDoc } from '../store/collections';
import type { Where } from '../store/port';
import { addDays, chineseDate, localDate } from '../time';
import { maskIdNumber } from '../validate/identity';
import { changeCode } from './code-change';
import type { ServiceContext } from './context';
import { riskListOn, snapshotOf } from './risk-list';

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
export function factsOf(ctx: ServiceContext, report: ReportDoc): Omit<Facts, 'riskList'> {
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

async function supersedePending(ctx: ServiceContext, reportId: string, except?: string): Promise<void> {
  const pending = await ctx.store.find('recodeReviews', { where: { reportId, status: 'pending' } });
  for (const p of pending) if (p._id !== except) await ctx.store.update('recodeReviews', p._id, { status: 'superseded' });
}

export async function recodeAfterPublish(
  ctx: ServiceContext,
  actor: StaffAccount,
  previous: RiskListDoc | null,
  list: RiskListDoc,
  diff: RiskListDiffDoc,
): Promise<RecodeSummary> {
  const today = localDate(ctx.now);
  const windowStart = addDays(today, -recodeWindowDays(ctx.policy));
  const reportIds = new Set<string>();
  let placesRead = 0;
  const arrival = { $gte: windowStart };
  for (const countyCode of diff.counties) {
    const places = await ctx.store.find('reportPlaces', { where: { countyCode, arrivalDate: arrival } });
    placesRead += places.length;
    for (const p of places) reportIds.add(p.reportId);
  }
  for (const cityCode of diff.cities) {
    const places = await ctx.store.find('reportPlaces', { where: { cityCode, arrivalDate: arrival } });
    placesRead += places.length;
    for (const p of places) reportIds.add(p.reportId);
  }

  const before = snapshotOf(previous);
  const after = snapshotOf(list);
  const summary: RecodeSummary = { windowStart, placesRead, reportsRead: 0, stricter: 0, looser: 0, unchanged: 0 };
  for (const reportId of reportIds) {
    const report = await ctx.store.get('reports', reportId);
    if (!report) continue;
    summary.reportsRead++;
    const facts = factsOf(ctx, report);
    const old = evaluate(ctx.policy, { ...facts, riskList: before }, ctx.now);
    const next = evaluate(ctx.policy, { ...facts, riskList: after }, ctx.now);
    const current = await ctx.store.get('codes', report.personId);
    if (rank(next) > rank(old)) {
      // Already as strict (a measure, another report): nothing to change.
      if (current && rank(current) >= rank(next)) {
        summary.unchanged++;
        continue;
      }
      const decision = withListReason(next, list.date);
      await changeCode(ctx, {
        personId: report.personId,
        accountId: report.accountId,
        decision,
        source: 'recode',
        eventId: `e_recode_${list.date}_${report._id}`,
        reportId: report._id,
        reason: decision.reason,
      });
      await supersedePending(ctx, report._id);
      await audit(ctx, actor, {
        action: 'risk.recode',
        target: `persons/${report.personId}`,
        before: current ? { color: current.color, clause: current.decision.clause } : null,
        after: { color: decision.code, clause: decision.clause, reportId: report._id, listDate: list.date },
        reason: decision.reason,
      });
      summary.stricter++;
    } else if (rank(next) < rank(old) && current && current.reportId === report._id && rank(next) < rank(current)) {
      const id = `rv_${list.date}_${report._id}`;
      const review: RecodeReviewDoc = {
        _id: id,
        reportId: report._id,
        personId: report.personId,
        accountId: report.accountId,
        listDate: list.date,
        countyCode: report.destination.countyCode,
        villageCode: report.destination.villageCode,
        status: 'pending',
        from: { color: current.color, clause: current.decision.clause, category: current.category },
        proposed: withListReason(next, list.date),
        createdAt: ctx.now.toISOString(),
      };
      await ctx.store.put('recodeReviews', review);
      await supersedePending(ctx, report._id, id);
      summary.looser++;
    } else {
      summary.unchanged++;
    }
  }
  return summary;
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
  const staff = await requireStaff(ctx, 'conversions.list');
  const scope = staff.jurisdiction;
  const where: Where = scope.length >= 6 ? { countyCode: scope.slice(0, 6), status } : { status };
  const docs = (await ctx.store.find('recodeReviews', { where, orderBy: [['createdAt', 'desc']], limit: 500 })).filter((r) =>
    r.villageCode.startsWith(scope),
  );
  const items = [];
  for (const doc of docs) items.push(await itemOf(ctx, doc));
  await audit(ctx, staff, { action: 'risk.recodeWorklist', target: `jurisdiction/${scope}`, after: { status, count: items.length } });
  return { items };
}

/** The area administrator applies a looser code a new list gives (evaluated again now), or keeps the code, with a reason. */
export async function recodeDecide(ctx: ServiceContext, input: { id: string; apply: boolean; reason: string }): Promise<{ item: RecodeWorkItem }> {
  const review = await ctx.store.get('recodeReviews', input.id);
  if (!review) throw notFound('未找到该待办');
  const staff = await requireStaff(ctx, 'conversions.confirm', review.villageCode);
  if (review.status !== 'pending') throw conflict('该待办已处理');
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明处理说明', 'reason');
  const report = await ctx.store.get('reports', review.reportId);
  if (!report) throw notFound('未找到该待办的报备记录');
  const current = await ctx.store.get('codes', review.personId);
  const at = ctx.now.toISOString();
  if (input.apply) {
    // Evaluated again with the list in force now: days have passed since the list was published.
    const list = await riskListOn(ctx.store, localDate(ctx.now));
    const decision = withListReason(
      evaluate(ctx.policy, { ...factsOf(ctx, report), riskList: snapshotOf(list) }, ctx.now),
      list?.date ?? review.listDate,
      '区划管理员确认：',
    );
    await changeCode(ctx, {
      personId: review.personId,
      accountId: review.accountId,
      decision,
      source: 'recode',
      eventId: `e_${review._id}`,
      reportId: review.reportId,
      actorId: staff._id,
      reason: `${decision.reason}（${reason}）`,
    });
    await audit(ctx, staff, {
      action: 'risk.recodeApply',
      target: `persons/${review.personId}`,
      before: current ? { color: current.color, clause: current.decision.clause } : null,
      after: { color: decision.code, clause: decision.clause, review: review._id },
      reason,
    });
  } else {
    await audit(ctx, staff, {
      action: 'risk.recodeDismiss',
      target: `persons/${review.personId}`,
      before: current ? { color: current.color, clause: current.decision.clause } : null,
      after: { review: review._id, kept: true },
      reason,
    });
  }
  const decided: RecodeReviewDoc = { ...review, status: input.apply ? 'applied' : 'dismissed', decidedAt: at, decidedBy: staff._id, reason };
  await ctx.store.put('recodeReviews', decided);
  return { item: await itemOf(ctx, decided) };
}
