// Community daily list and verification (二(三)), and first-question transfers (三(一)).
// Staff see the reports whose destination (or transfer) is in their area; they phone the person,
// record what was confirmed or corrected, check the origin's risk level, and set the management
// measure, which gives the code. Only a verified and coded report can be transferred elsewhere.
import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { ARRIVALS } from '../../types/api/arrivals';
import type { ArrivalDetail, ArrivalRow, HandlingStatus, Measure, RiskCheck } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { evaluate, explain } from '../policy';
import type { FactsStop } from '../policy/evaluate';
import { countyOf } from '../divisions/codes';
import { auditDetail, auditRetried, auditWithin } from '../staff/audit';
import { areaOf } from '../staff/area';
import { actingStaff, requireWithin } from '../staff/authorize';
import { countiesOf, isWithin } from '../staff/jurisdiction';
import type { HandlingDoc, ReportDoc, ReportFlagDoc, TransferDoc, VerificationDoc } from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { addDays, chineseDate, isLocalDate, localDate, startOfLocalDay } from '../time';
import { maskIdNumber, maskPhone, phoneProblem } from '../validate/identity';
import { changeCode, type CodeChange } from './code-change';
import type { ServiceContext } from './context';
import { findAll, pageOf, type PageInput } from './paging';
import { nameProblem } from '../validate/names';
import type { PageInfo } from '../../types/api/common';
import { detailOf } from './report';
import { riskListOn, snapshotFor, type VersionSnapshot } from './risk-list';
import { problemText } from './checkpoint';

type In<A extends keyof typeof ARRIVALS> = Omit<Static<(typeof ARRIVALS)[A]>, 'action'>;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
/** Reports older than the policy's age limit are not listed: every period of the policy is over by then. */
const listDays = (ctx: ServiceContext) => ctx.policy.limits.reportAgeDays;

/** A report in the staff member's area, or FORBIDDEN / NOT_FOUND. */
async function reportInArea(ctx: ServiceContext, reportId: string) {
  const staff = await actingStaff(ctx);
  const report = await ctx.store.get('reports', reportId);
  if (!report) throw notFound('未找到该报备记录');
  const handling = await ctx.store.get('handling', reportId);
  const area = areaOf(report, handling);
  // The area is known only once the report is read (ARRIVALS_RULES scope `loaded`).
  requireWithin(staff, area.villageCode);
  return { staff, report, handling, area };
}

export async function listArrivals(ctx: ServiceContext, page: PageInput = {}): Promise<{ today: string; arrivals: ArrivalRow[] } & PageInfo> {
  const staff = await actingStaff(ctx);
  const today = localDate(ctx.now);
  const reports = new Map<string, ReportDoc>();
  const handlings = new Map<string, HandlingDoc>();
  const flags = new Map<string, ReportFlagDoc[]>();
  const flagsSince = startOfLocalDay(addDays(today, -listDays(ctx))).toISOString();
  for (const county of countiesOf(ctx.divisions, staff.jurisdiction)) {
    // Reports a checkpoint flagged (三(二)) come back to the list until they are handled again.
    // Every candidate, read in chunks: a silent limit here dropped a real red arrival (issue 13).
    for (const f of (await findAll(ctx.store, 'reportFlags', { countyCode: county, at: { $gte: flagsSince } })).sort((a, b) => a.at.localeCompare(b.at))) {
      flags.set(f.reportId, [...(flags.get(f.reportId) ?? []), f]);
    }
    const byDestination = await findAll(ctx.store, 'reports', { 'destination.countyCode': county, arrivalDate: { $gte: addDays(today, -listDays(ctx)) } });
    for (const r of byDestination) reports.set(r._id, r);
    // Handled here or transferred in (possibly from another county).
    for (const h of await findAll(ctx.store, 'handling', { 'area.countyCode': county })) handlings.set(h._id, h);
  }
  const missingIds = [...handlings.keys()].filter((id) => !reports.has(id));
  if (missingIds.length) for (const r of await ctx.store.find('reports', { where: { _id: { $in: missingIds } } })) reports.set(r._id, r);
  const unlisted = [...reports.keys()].filter((id) => !handlings.has(id));
  // Reports handled elsewhere after a transfer out still need their handling doc to be excluded.
  if (unlisted.length) for (const h of await ctx.store.find('handling', { where: { _id: { $in: unlisted } } })) handlings.set(h._id, h);

  const rows: ArrivalRow[] = [];
  for (const report of reports.values()) {
    const handling = handlings.get(report._id);
    const area = areaOf(report, handling);
    if (!isWithin(staff.jurisdiction, area.villageCode)) continue;
    const status: HandlingStatus = handling?.status ?? 'new';
    const isToday =
      report.arrivalDate === today ||
      localDate(report.createdAt) === today ||
      (status === 'transferred' && localDate(handling!.updatedAt) === today);
    const reportFlags = flags.get(report._id) ?? [];
    const flaggedSinceHandled = reportFlags.some((f) => !handling || f.at > handling.updatedAt);
    if (!isToday && status === 'coded' && !flaggedSinceHandled) continue;
    rows.push({
      reportId: report._id,
      personId: report.personId,
      name: report.name,
      idNumberMasked: maskIdNumber(report.idNumber),
      phoneMasked: maskPhone(report.phone),
      arrivalDate: report.arrivalDate,
      createdAt: report.createdAt,
      origin: report.itinerary[0]?.place ?? '',
      destination: `${ctx.divisions.fullName(area.villageCode)} ${area.address}`,
      code: null,
      clause: null,
      status,
      today: isToday,
      flags: reportFlags.map((f) => `${f.checkpoint}：${f.problems.map(problemText).join('、')}${f.note ? `（${f.note}）` : ''}`),
    });
  }
  // Today's first, then the unhandled older ones; newest arrivals first within each (the id breaks ties,
  // so pages never overlap).
  rows.sort(
    (a, b) =>
      Number(b.today) - Number(a.today) ||
      b.arrivalDate.localeCompare(a.arrivalDate) ||
      b.createdAt.localeCompare(a.createdAt) ||
      a.reportId.localeCompare(b.reportId),
  );
  const { items, total, nextCursor } = pageOf(rows, page);
  const personIds = [...new Set(items.map((r) => r.personId))];
  const codes = personIds.length ? await ctx.store.find('codes', { where: { _id: { $in: personIds } } }) : [];
  const codeOf = new Map(codes.map((c) => [c._id, c] as const));
  for (const row of items) {
    const code = codeOf.get(row.personId);
    row.code = code?.color ?? null;
    row.clause = code?.decision.clause ?? null;
  }
  await auditDetail(ctx, {
    target: `area/${staff.jurisdiction}`,
    after: { count: items.length, total, ...(page.cursor ? { cursor: page.cursor } : {}) },
  });
  return { today, arrivals: items, total, ...(nextCursor ? { nextCursor } : {}) };
}

const LEVEL_TEXT = { high: '高风险', medium: '中风险' } as const;

/**
 * The origin's (and every stop's) risk level on today's list, and when the person left it — as the
 * engine reads it (explain): a stop left before the itinerary window is shown as not counted.
 */
export function riskCheckOf(ctx: ServiceContext, itinerary: Array<{ townCode: string; departDate: string; riskAreaIds?: string[] }>, arrivalDate: string, list: VersionSnapshot | null): RiskCheck {
  const facts = itinerary.map((s) => ({ ...s, countyName: ctx.divisions.fullName(countyOf(s.townCode)), cityName: ctx.divisions.cityName(countyOf(s.townCode)) }));
  const found = explain(ctx.policy, { arrival: arrivalDate, itinerary: facts, riskList: list });
  const levelOf = (category: string, level: 'high' | 'medium' | null): RiskCheck['level'] =>
    category === 'A' ? (level ?? 'medium') : category === 'B' ? 'county' : category === 'C' ? 'city' : 'none';
  const stops = found.stops.map((stop) => {
    let finding: string;
    if (!stop.counted) finding = `抵河前${found.itineraryWindowDays}天以前离开，不计入行程`;
    else if (stop.category === 'A') finding = `到过的${stop.areas.map((a) => `${a.area}（${LEVEL_TEXT[a.kind ? ctx.policy.zoneLevels[a.kind] : a.level]}）`).join('、')}仍在名单中`;
    else if (stop.category === 'B') finding = `所在县（市、区）有${stop.countyAreas}个中高风险区域`;
    else if (stop.category === 'C') finding = '所在设区市有确诊病例';
    else finding = '不在中高风险地区名单中';
    return {
      place: ctx.divisions.get(stop.townCode)?.fullName ?? stop.townCode,
      departDate: stop.departDate,
      finding: `${chineseDate(stop.departDate)}离开（抵河前${stop.daysBeforeArrival}天）：${finding}`,
    };
  });
  const strictest = levelOf(found.category, found.level);
  const summary = { high: '到过高风险区域', medium: '到过中风险区域', county: '到过中高风险地区所在县（市、区）', city: '到过有确诊病例的设区市', none: '未到过中高风险地区' }[strictest];
  return {
    listDate: list?.date ?? null,
    level: strictest,
    text: list ? `按${chineseDate(list.date)}名单核查：${summary}` : '尚未发布中高风险地区名单',
    stops,
  };
}

async function detailFor(ctx: ServiceContext, report: ReportDoc, handling: HandlingDoc | null): Promise<ArrivalDetail> {
  const [verifications, transfers, events, tests, code, list] = await Promise.all([
    ctx.store.find('verifications', { where: { reportId: report._id }, orderBy: [['at', 'asc']], limit: 100 }),
    ctx.store.find('transfers', { where: { reportId: report._id }, orderBy: [['at', 'asc']], limit: 100 }),
    ctx.store.find('codeEvents', { where: { personId: report.personId }, orderBy: [['at', 'asc']], limit: 200 }),
    ctx.store.find('testResults', { where: { personId: report.personId }, orderBy: [['sampleDate', 'asc']], limit: 100 }),
    ctx.store.get('codes', report.personId),
    riskListOn(ctx.store, localDate(ctx.now)).then((v) => snapshotFor(ctx.store, v, report.itinerary.map((s) => countyOf(s.townCode)))),
  ]);
  const actorIds = [...new Set([...verifications, ...transfers, ...events].map((d) => d.actorId).filter((id): id is string => !!id))];
  const actors = actorIds.length ? await ctx.store.find('accounts', { where: { _id: { $in: actorIds } } }) : [];
  const nameOf = (id?: string) => (id ? (actors.find((a) => a._id === id)?.name ?? id) : undefined);
  const area = areaOf(report, handling);
  const place = (code: string) => ctx.divisions.fullName(code);
  return {
    report: detailOf(report, true),
    personId: report.personId,
    status: handling?.status ?? 'new',
    area: { villageCode: area.villageCode, place: place(area.villageCode), address: area.address },
    currentCode: code?.decision ?? null,
    riskCheck: riskCheckOf(ctx, report.itinerary, report.arrivalDate, list),
    measures: ctx.policy.measures.map((m) => ({ measure: m.measure, label: m.label, code: m.code })),
    verifications: verifications.map((v) => ({
      id: v._id,
      at: v.at,
      actorName: nameOf(v.actorId)!,
      reached: v.reached,
      ...(v.originTownCode ? { originPlace: place(v.originTownCode) } : {}),
      ...(v.departDate ? { departDate: v.departDate } : {}),
      ...(v.arrivalDate ? { arrivalDate: v.arrivalDate } : {}),
      ...(v.destination ? { destination: { place: place(v.destination.villageCode), address: v.destination.address, corrected: v.destination.corrected } } : {}),
      notes: v.notes,
      ...(v.riskCheck ? { riskCheck: { listDate: v.riskCheck.listDate, text: v.riskCheck.text } } : {}),
      ...(v.measure ? { measure: v.measure } : {}),
      ...(v.code ? { code: v.code } : {}),
      ...(v.clause ? { clause: v.clause } : {}),
    })),
    transfers: transfers.map((t) => ({
      id: t._id,
      at: t.at,
      actorName: nameOf(t.actorId)!,
      from: place(t.from.villageCode),
      to: place(t.to.villageCode),
      address: t.to.address,
      contact: { name: t.contact.name, phone: t.contact.phone },
      ...(t.note ? { note: t.note } : {}),
    })),
    codeEvents: events.map((e) => ({
      at: e.at,
      from: e.from,
      to: e.to,
      clause: e.clause,
      reason: e.reason,
      source: e.source,
      ...(e.actorId ? { actorName: nameOf(e.actorId)! } : {}),
    })),
    tests: tests.map((t) => ({ sampleDate: t.sampleDate, result: t.result, ...(t.site ? { site: t.site } : {}) })),
  };
}

/** The handling view: full identifiers, so the read is audited. */
export async function getArrival(ctx: ServiceContext, input: In<'get'>): Promise<{ arrival: ArrivalDetail }> {
  const { report, handling } = await reportInArea(ctx, input.reportId);
  const arrival = await detailFor(ctx, report, handling);
  await auditDetail(ctx, {
    target: `reports/${report._id}`,
    after: { personId: report.personId },
  });
  return { arrival };
}

function required<T>(value: T | undefined, message: string, field: string): T {
  if (value === undefined) throw badInput(message, field);
  return value;
}

export async function verifyArrival(ctx: ServiceContext, input: In<'verify'>): Promise<{ arrival: ArrivalDetail; duplicate: boolean }> {
  const { staff, report, handling, area } = await reportInArea(ctx, input.reportId);
  const id = `v_${digest(staff._id, input.requestId)}`;
  const earlier = await ctx.store.get('verifications', id);
  if (earlier) {
    auditRetried(ctx);
    return { arrival: await detailFor(ctx, report, handling), duplicate: true };
  }

  const today = localDate(ctx.now);
  const notes = input.notes.trim();
  const base = { _id: id, reportId: report._id, personId: report.personId, at: ctx.now.toISOString(), actorId: staff._id, notes };
  let verification: VerificationDoc;
  let next: HandlingDoc;
  let codeChange: CodeChange | undefined;
  const current = await ctx.store.get('codes', report.personId);

  if (!input.reached) {
    for (const field of ['originTownCode', 'departDate', 'arrivalDate', 'destination', 'measure'] as const) {
      if (input[field] !== undefined) throw badInput('未联系上时只记录说明，不能填写核实结果或管控措施', field);
    }
    if (notes.length < 2) throw badInput('请说明联系情况（如：电话无人接听）', 'notes');
    verification = { ...base, reached: false };
    next = { ...(handling ?? baseHandling(report, area)), status: handling?.status === 'coded' ? 'coded' : 'unreached', updatedAt: base.at, updatedBy: staff._id };
  } else {
    const origin = required(input.originTownCode, '请填写核实后的始发地', 'originTownCode');
    const departDate = required(input.departDate, '请填写离开始发地的日期', 'departDate');
    const arrivalDate = required(input.arrivalDate, '请填写核实后的抵河日期', 'arrivalDate');
    const destination = required(input.destination, '请确认或更正目的地', 'destination');
    const measure = required(input.measure, '请选择管控措施', 'measure');
    const town = ctx.divisions.get(origin);
    if (!town || town.level !== 4) throw badInput('始发地不存在，请重新选择到乡镇/街道', 'originTownCode');
    if (!isLocalDate(arrivalDate)) throw badInput('抵河日期不是有效的日期', 'arrivalDate');
    if (!isLocalDate(departDate)) throw badInput('离开始发地日期不是有效的日期', 'departDate');
    if (arrivalDate > today) throw badInput('抵河日期不能晚于今天', 'arrivalDate');
    if (arrivalDate < addDays(today, -listDays(ctx))) throw badInput(`抵河日期不能早于${listDays(ctx)}天前`, 'arrivalDate');
    if (departDate > arrivalDate) throw badInput('离开始发地日期不能晚于抵河日期', 'departDate');
    if (!ctx.divisions.isHechiVillage(destination.villageCode)) throw badInput('目的地不存在，请重新选择到社区/村', 'destination.villageCode');

    // The corrected origin replaces the first stop; the areas ticked only count in the same county.
    const [first, ...rest] = report.itinerary;
    const sameCounty = first && countyOf(first.townCode) === countyOf(origin);
    const itinerary = [
      { townCode: origin, departDate, ...(sameCounty && first.riskAreaIds ? { riskAreaIds: first.riskAreaIds } : {}) },
      ...rest.map(({ townCode, departDate: d, riskAreaIds }) => ({ townCode, departDate: d, ...(riskAreaIds ? { riskAreaIds } : {}) })),
    ];
    const list = await snapshotFor(ctx.store, await riskListOn(ctx.store, today), itinerary.map((s) => countyOf(s.townCode)));
    const facts: FactsStop[] = itinerary.map((s) => ({ ...s, countyName: ctx.divisions.fullName(countyOf(s.townCode)), cityName: ctx.divisions.cityName(countyOf(s.townCode)) }));
    const decision = evaluate(
      ctx.policy,
      { arrival: arrivalDate, itinerary: facts, riskList: list, ...(measure !== 'none' ? { measure: measure as Measure } : {}), since: today },
      ctx.now,
    );
    const check = riskCheckOf(ctx, itinerary, arrivalDate, list);
    const corrected = destination.villageCode !== report.destination.villageCode || destination.address.trim() !== report.destination.address;
    // Applied with the other writes below, not here: a crash after it would make the retry audit
    // the new code as the one before.
    codeChange = {
      personId: report.personId,
      accountId: report.accountId,
      decision,
      source: measure === 'none' ? 'recode' : 'measure',
      eventId: `e_${id}`,
      reportId: report._id,
      countyCode: area.countyCode,
      actorId: staff._id,
    };
    verification = {
      ...base,
      reached: true,
      originTownCode: origin,
      departDate,
      arrivalDate,
      destination: { villageCode: destination.villageCode, address: destination.address.trim(), corrected },
      riskCheck: { listDate: check.listDate, level: check.level, text: check.text },
      measure,
      code: decision.code,
      clause: decision.clause,
    };
    next = {
      ...(handling ?? baseHandling(report, area)),
      status: 'coded',
      destination: { villageCode: destination.villageCode, countyCode: countyOf(destination.villageCode), address: destination.address.trim() },
      measure,
      updatedAt: base.at,
      updatedBy: staff._id,
    };
  }
  // Code, handling, audit entry and verification in one transaction where the store has them.
  await atomically(ctx.store, async () => {
    if (codeChange) await changeCode(ctx, codeChange);
    await ctx.store.put('handling', next);
    await auditWithin(ctx, {
      target: `reports/${report._id}`,
      before: { code: current?.color ?? null, clause: current?.decision.clause ?? null, status: handling?.status ?? 'new' },
      after: {
        reached: verification.reached,
        status: next.status,
        ...(verification.measure ? { measure: verification.measure, code: verification.code, clause: verification.clause } : {}),
        ...(verification.destination?.corrected ? { destination: verification.destination } : {}),
      },
      reason: notes || undefined,
    });
    // The verification is written last: it is what a retry looks for.
    try {
      await ctx.store.insert('verifications', verification);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  });
  return { arrival: await detailFor(ctx, report, next), duplicate: false };
}

function baseHandling(report: ReportDoc, area: ReturnType<typeof areaOf>): HandlingDoc {
  return {
    _id: report._id,
    personId: report.personId,
    arrivalDate: report.arrivalDate,
    area: { villageCode: area.villageCode, countyCode: area.countyCode, address: area.address },
    status: 'unreached',
    updatedAt: '',
    updatedBy: '',
  };
}

export async function transferArrival(ctx: ServiceContext, input: In<'transfer'>): Promise<{ arrival: ArrivalDetail; duplicate: boolean }> {
  const { staff, report, handling, area } = await reportInArea(ctx, input.reportId);
  const id = `t_${digest(staff._id, input.requestId)}`;
  if (await ctx.store.get('transfers', id)) {
    auditRetried(ctx);
    return { arrival: await detailFor(ctx, report, handling), duplicate: true };
  }
  // 三(一): verification and code assignment come first, whatever the destination.
  if (handling?.status !== 'coded') throw conflict('须先电话核实并确定管控措施（赋码）后，才能转派（首问负责制）');
  const to = input.toVillageCode;
  if (!ctx.divisions.isHechiVillage(to)) throw badInput('转派目的地不存在，请重新选择到社区/村', 'toVillageCode');
  if (to === area.villageCode) throw badInput('转派目的地与当前所在社区相同', 'toVillageCode');
  const contact = await contactFor(ctx, input, to);
  const doc: TransferDoc = {
    _id: id,
    reportId: report._id,
    at: ctx.now.toISOString(),
    actorId: staff._id,
    from: { villageCode: area.villageCode },
    to: { villageCode: to, countyCode: countyOf(to), address: input.toAddress.trim() },
    contact,
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
  };
  const next: HandlingDoc = { ...handling, area: doc.to, status: 'transferred', updatedAt: doc.at, updatedBy: staff._id };
  // The person's code goes with the report it rests on: the receiving county's worklists read it.
  const code = await ctx.store.get('codes', report.personId);
  const moveCode = code?.reportId === report._id && code.countyCode !== doc.to.countyCode;
  // Together: after a crash between the handling (now in the other area) and the transfer record,
  // the retry would be refused as outside the sender's jurisdiction.
  await atomically(ctx.store, async () => {
    await ctx.store.put('handling', next);
    if (moveCode) await ctx.store.update('codes', code._id, { countyCode: doc.to.countyCode });
    await auditWithin(ctx, {
      target: `reports/${report._id}`,
      before: { area: handling.area },
      after: { area: doc.to, contact },
      ...(doc.note ? { reason: doc.note } : {}),
    });
    try {
      await ctx.store.insert('transfers', doc);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
  });
  return { arrival: await detailFor(ctx, report, next), duplicate: false };
}

async function contactFor(ctx: ServiceContext, input: In<'transfer'>, to: string): Promise<TransferDoc['contact']> {
  if (input.contactId) {
    const c = await ctx.store.get('contacts', input.contactId);
    if (!c || c.divisionCode.startsWith('removed:')) throw badInput('所选联系人不在联系人名录中', 'contactId');
    if (!to.startsWith(c.divisionCode)) throw badInput('所选联系人不负责转派目的地，请重新选择', 'contactId');
    return { name: c.name, phone: c.phone, contactId: c._id };
  }
  const name = input.contactName?.trim();
  const phone = input.contactPhone;
  if (!name) throw badInput('请从联系人名录中选择告知的管控人员，或填写其姓名和电话', 'contactName');
  const nameIssue = nameProblem(name);
  if (nameIssue) throw badInput(nameIssue, 'contactName');
  if (!phone) throw badInput('请填写告知的管控人员电话', 'contactPhone');
  if (/^1/.test(phone) && phoneProblem(phone)) throw badInput(phoneProblem(phone)!, 'contactPhone');
  return { name, phone };
}
