// Code conversions (转码) by the area administrator (一(一)1/3, 一(二)1/3, 一(三)2): the worklists of
// who is due — red entering the 7-day monitoring stage, yellow with monitoring complete and a
// negative result on file — and the batch confirm. A conversion before it is due needs a written
// reason and is marked as an override in the audit log. A yellow reached by conversion is not
// eligible for the movement window (policy decision).
import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { CONVERSIONS } from '../../types/api/conversions';
import type { CodeColor, ConversionItem, Decision } from '../../types/model';
import { badInput, conflict, forbidden, notFound } from '../errors';
import { conversionStatus, convertedDecision as policyConversion, type ConversionStatus } from '../policy/conversion';
import { auditDetail, auditWithin } from '../staff/audit';
import { areaOf } from '../staff/area';
import { actingStaff } from '../staff/authorize';
import { countiesOf, isWithin } from '../staff/jurisdiction';
import type { CodeDoc, HandlingDoc, ReportDoc, TestResultDoc } from '../store/collections';
import type { CollectionName, Collections } from '../store/collections';
import { atomically, type Where } from '../store/port';
import { chineseDate, localDate } from '../time';
import { maskIdNumber } from '../validate/identity';
import { changeCode } from './code-change';
import type { ServiceContext } from './context';
import { mapLimited } from './concurrency';
import { findAll, pageOf, type PageInput } from './paging';
import type { PageInfo } from '../../types/api/common';

type In<A extends keyof typeof CONVERSIONS> = Omit<Static<(typeof CONVERSIONS)[A]>, 'action'>;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
const COLOR = { red: '红码', yellow: '黄码', green: '绿码' } as const;

async function byIds<C extends CollectionName>(
  ctx: ServiceContext,
  collection: C,
  ids: string[],
  field = '_id',
  options: { where?: Where; chunk?: number } = {},
): Promise<Array<Collections[C]>> {
  const out: Array<Collections[C]> = [];
  const unique = [...new Set(ids)];
  const chunk = options.chunk ?? 200;
  for (let i = 0; i < unique.length; i += chunk) {
    out.push(...(await ctx.store.find(collection, { where: { ...options.where, [field]: { $in: unique.slice(i, i + chunk) } }, limit: 10_000 })));
  }
  return out;
}

/**
 * The red and yellow codes of the people handled within a jurisdiction, with the report each rests on
 * and that report's handling. A code carries the county handling its report (changeCode, and a
 * transfer moves it), so a county's worklist reads that county's red and yellow codes by index and
 * then their reports and handling by id: what is read grows with the county's people on the list, not
 * with the city (130,000+ codes after a worst-day re-coding) nor with the county's past reports.
 */
async function codesWithin(ctx: ServiceContext, jurisdiction: string) {
  const codes: CodeDoc[] = [];
  // One colour at a time: with both fields equal, the index gives `_id` order, so each chunk reads on
  // from the last (a `$in` on colour would sort every match again for every chunk).
  for (const county of countiesOf(ctx.divisions, jurisdiction)) {
    for (const color of ['red', 'yellow'] as const) codes.push(...(await findAll(ctx.store, 'codes', { countyCode: county, color })));
  }
  const reportIds = codes.map((c) => c.reportId);
  const reports = new Map((await byIds(ctx, 'reports', reportIds)).map((r) => [r._id, r] as const));
  const handlings = new Map((await byIds(ctx, 'handling', reportIds)).map((h) => [h._id, h] as const));
  return {
    // A village-level jurisdiction (or a county's code not yet moved by a transfer) is decided by the
    // report's own area.
    mine: codes.filter((c) => {
      const report = reports.get(c.reportId);
      return report && isWithin(jurisdiction, areaOf(report, handlings.get(c.reportId)).villageCode);
    }),
    reports,
    handlings,
  };
}

interface Candidate {
  code: CodeDoc;
  report: ReportDoc;
  handling: HandlingDoc | null;
  tests: TestResultDoc[];
}

function statusOf(ctx: ServiceContext, c: Candidate): ConversionStatus | null {
  return conversionStatus(
    ctx.policy,
    {
      code: c.code.color,
      category: c.code.category,
      arrivalDate: c.code.decision.arrivalDate,
      since: c.code.decision.since,
      negativeSampleDates: c.tests.filter((t) => t.result === 'negative').map((t) => t.sampleDate),
    },
    ctx.now,
  );
}

function itemOf(ctx: ServiceContext, c: Candidate, s: ConversionStatus): ConversionItem {
  const area = areaOf(c.report, c.handling);
  return {
    personId: c.code._id,
    name: c.report.name,
    idNumberMasked: maskIdNumber(c.report.idNumber),
    place: `${ctx.divisions.fullName(area.villageCode)} ${area.address}`,
    from: c.code.color,
    to: s.to,
    clause: s.clause,
    category: c.code.category,
    arrivalDate: c.code.decision.arrivalDate,
    since: c.code.decision.since,
    dueDate: s.dueDate,
    due: s.due,
    missing: s.missing,
  };
}

export async function listConversions(
  ctx: ServiceContext,
  page: PageInput = {},
): Promise<{ today: string; due: ConversionItem[]; waiting: ConversionItem[]; dueTotal: number; waitingTotal: number } & PageInfo> {
  const staff = await actingStaff(ctx);
  // Every candidate of the jurisdiction, read in chunks (a limit would silently drop people from the worklists).
  const { mine, reports, handlings } = await codesWithin(ctx, staff.jurisdiction);
  const tests = await byIds(ctx, 'testResults', mine.map((c) => c._id), 'personId');
  const due: ConversionItem[] = [];
  const waiting: ConversionItem[] = [];
  for (const code of mine) {
    const c: Candidate = { code, report: reports.get(code.reportId)!, handling: handlings.get(code.reportId) ?? null, tests: tests.filter((t) => t.personId === code._id) };
    const s = statusOf(ctx, c);
    if (!s) continue;
    (s.due ? due : waiting).push(itemOf(ctx, c, s));
  }
  const order = (a: ConversionItem, b: ConversionItem) =>
    (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId);
  due.sort(order);
  waiting.sort(order);
  // One paged list: the due ones, then the waiting ones.
  const { items, total, nextCursor } = pageOf([...due.map((i) => ({ i, due: true })), ...waiting.map((i) => ({ i, due: false }))], page, 200);
  await auditDetail(ctx, {
    target: `area/${staff.jurisdiction}`,
    after: { due: due.length, waiting: waiting.length, count: items.length },
  });
  return {
    today: localDate(ctx.now),
    due: items.filter((x) => x.due).map((x) => x.i),
    waiting: items.filter((x) => !x.due).map((x) => x.i),
    dueTotal: due.length,
    waitingTotal: waiting.length,
    total,
    ...(nextCursor ? { nextCursor } : {}),
  };
}

/** The decision a conversion gives: the policy's rule, its texts and its clause, from today. */
function convertedDecision(ctx: ServiceContext, code: CodeDoc, _s: ConversionStatus, overrideReason: string | null): Decision {
  const early = overrideReason ? `（未到期提前转码，理由：${overrideReason}）` : '';
  return policyConversion(ctx.policy, code.decision, { code: code.color, category: code.category }, ctx.now, early);
}

export async function confirmConversions(
  ctx: ServiceContext,
  input: In<'confirm'>,
): Promise<{ converted: Array<{ personId: string; to: string; clause: string; override: boolean }>; skipped: string[] }> {
  const staff = await actingStaff(ctx);
  const reason = input.reason?.trim() || null;
  const seen = new Set<string>();
  const plan: Array<{ c: Candidate; s: ConversionStatus; override: boolean }> = [];
  const skipped: string[] = [];
  // Read a batch at a time (200 people one by one was ~2,000 round trips against a 20 s timeout).
  const codes = new Map((await byIds(ctx, 'codes', input.items.map((i) => i.personId))).map((c) => [c._id, c] as const));
  const reports = new Map((await byIds(ctx, 'reports', [...codes.values()].map((c) => c.reportId))).map((r) => [r._id, r] as const));
  const handlings = new Map((await byIds(ctx, 'handling', [...reports.keys()])).map((h) => [h._id, h] as const));
  const tested = await byIds(ctx, 'testResults', [...codes.keys()], 'personId');
  // Every item is checked before anything is written: one refusal converts nobody.
  for (const [i, item] of input.items.entries()) {
    if (seen.has(item.personId)) continue;
    seen.add(item.personId);
    const code = codes.get(item.personId);
    const report = code && reports.get(code.reportId);
    if (!code || !report) throw notFound(`第${i + 1}位人员不存在`);
    const handling = handlings.get(report._id) ?? null;
    if (!isWithin(staff.jurisdiction, areaOf(report, handling).villageCode)) throw forbidden(`${report.name}不在您的管辖范围内`);
    if (code.color !== item.from) {
      // Already converted (a retry, or another administrator): nothing to do.
      skipped.push(item.personId);
      continue;
    }
    const tests = tested.filter((t) => t.personId === code._id);
    const c: Candidate = { code, report, handling, tests };
    const s = statusOf(ctx, c)!;
    if (s.to === 'green' && tests.some((t) => t.result === 'positive' && t.sampleDate >= code.decision.since)) {
      throw conflict(`${report.name}有阳性核酸检测结果，不能转为绿码`);
    }
    if (!s.due && !reason) {
      const when = s.dueDate ? `${chineseDate(s.dueDate)}起` : '须解除管控措施后';
      const test = s.to === 'green' ? '，并须有监测开始后采样的阴性核酸结果' : '';
      throw badInput(`${report.name}的${COLOR[code.color]}转${COLOR[s.to]}尚未到期（${when}可转${test}）；提前转码须填写理由`, 'reason');
    }
    plan.push({ c, s, override: !s.due });
  }
  // People are independent: 8 at a time, within the connections one call may hold (concurrency.ts).
  const converted = await mapLimited(plan, 8, async ({ c, s, override }) => {
    const decision = convertedDecision(ctx, c.code, s, override ? reason : null);
    // Each person's code and entry together: a retry skips whoever is converted already, so a crash
    // between the two would leave a conversion nobody audits.
    await atomically(ctx.store, async () => {
      await changeCode(ctx, {
        personId: c.code._id,
        accountId: c.code.accountId,
        decision,
        source: 'conversion',
        eventId: `e_c_${digest(c.code._id, c.code.color, c.code.updatedAt)}`,
        reportId: c.code.reportId,
        actorId: staff._id,
        reason: decision.reason,
      });
      await auditWithin(ctx, {
        target: `persons/${c.code._id}`,
        before: { code: c.code.color, clause: c.code.decision.clause, since: c.code.decision.since },
        after: { code: s.to, clause: s.clause, dueDate: s.dueDate },
        ...(override ? { reason: reason!, override: true } : {}),
      });
    });
    return { personId: c.code._id, to: s.to as CodeColor, clause: s.clause, override };
  });
  return { converted, skipped };
}
