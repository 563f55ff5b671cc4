// One-click report (一键直报): check it, code it with the policy, keep it — exactly once per request.
import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { ReportSubmit } from '../../types/api';
import type { ReportDetail, ReportSummary } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import { evaluate } from '../policy';
import type { FactsStop } from '../policy/evaluate';
import { countyOf } from '../divisions/codes';
import type { AccountDoc, PersonDoc, ReportDoc } from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import { localDate } from '../time';
import { maskIdNumber, maskPhone } from '../validate/identity';
import { reportProblems } from '../validate/report';
import { requireAccount, type ServiceContext } from './context';
import { riskListOn, snapshotFor, type VersionSnapshot } from './risk-list';
import { changeCode } from './code-change';
import { indexReportPlaces } from './report-places';
import { keepPerson, linkIdFor, linkPerson, ownPerson, personByIdNumber, personIdFor, reportingPerson } from './family';
import { loosens } from './loosening';
import { takeSlot } from './rate-limit';

export type ReportInput = Omit<Static<typeof ReportSubmit>, 'action'>;

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24);
export const reportIdFor = (accountId: string, requestId: string) => `r_${digest(accountId, requestId)}`;
export { personIdFor } from './family';

export async function submitReport(
  ctx: ServiceContext,
  input: ReportInput,
): Promise<{ report: ReportDetail; duplicate: boolean }> {
  return fileReport(ctx, await requireAccount(ctx), input);
}

/** Files a report for an account: the person's own, or one filed for them at a checkpoint (`filedAt`). */
export async function fileReport(
  ctx: ServiceContext,
  account: AccountDoc,
  input: ReportInput,
  filedAt?: ReportDoc['filedAt'],
  /** Runs after every check has passed, before the first write (e.g. to create the account). */
  beforeWrite?: () => Promise<void>,
): Promise<{ report: ReportDetail; duplicate: boolean }> {
  const reportId = reportIdFor(account._id, input.requestId);
  const earlier = await ctx.store.get('reports', reportId);
  if (earlier) {
    // A retry: the first attempt may have stopped after writing the report; finish what it left.
    await completeReport(ctx, earlier);
    return { report: detailOf(earlier, true), duplicate: true };
  }
  // A retry (above) is free; every new attempt counts, by the account that files (staff at a checkpoint).
  if (filedAt) await takeSlot(ctx, 'checkpoint.report', filedAt.staffId);
  else await takeSlot(ctx, 'report', account._id);

  const today = localDate(ctx.now);
  const idNumber = input.idNumber.toUpperCase();
  const [first] = reportProblems({ ...input, idNumber }, today, { phoneOptional: input.personId !== undefined, maxAgeDays: ctx.policy.limits.reportAgeDays });
  if (first) throw badInput(first.message, first.field);

  // The list in force, with the areas of just the itinerary's counties.
  const list = await snapshotFor(ctx.store, await riskListOn(ctx.store, today), input.itinerary.map((s) => countyOf(s.townCode)));
  const itinerary = input.itinerary.map((stop, i) => resolveStop(ctx, list, stop, i));
  const village = input.destination.villageCode;
  if (!ctx.divisions.isHechiVillage(village)) {
    throw badInput('河池目的地不存在，请重新选择到社区/村', 'destination.villageCode');
  }

  // Every check (the person's name against the one on file included) before the first write.
  const bind = input.personId ? null : await selfPerson(ctx, account, { ...input, idNumber });
  const person = bind ? bind.person : await reportingPerson(ctx, account, input.personId!, { name: input.name, idNumber });
  await beforeWrite?.();
  if (bind) await keepSelf(ctx, account, bind);
  const decision = evaluate(
    ctx.policy,
    { arrival: input.arrivalDate, itinerary: itinerary.map((s) => s.facts), riskList: list },
    ctx.now,
  );

  // One person, one code: whoever files, a report never loosens the person's code by itself — a
  // looser colour, or the same colour converting sooner or opening a movement window, waits for
  // the area administrator. A stricter one applies at once.
  const current = await ctx.store.get('codes', person._id);
  const applied = !current || !loosens(ctx.policy, current.decision, decision);

  const report: ReportDoc = {
    _id: reportId,
    accountId: account._id,
    requestId: input.requestId,
    personId: person._id,
    name: person.name,
    idNumber,
    phone: input.phone,
    itinerary: itinerary.map((s) => s.stored),
    arrivalDate: input.arrivalDate,
    transport: input.transport as ReportDoc['transport'],
    ...(input.transportNo ? { transportNo: input.transportNo.toUpperCase() } : {}),
    itineraryStar: input.itineraryStar,
    destination: { villageCode: village, countyCode: countyOf(village), address: input.destination.address.trim() },
    decision,
    applied,
    ...(filedAt ? { filedAt } : {}),
    createdAt: ctx.now.toISOString(),
  };
  // The report is written first, then the code that rests on it, then its place index: a crash after
  // any write never leaves a code pointing at no report (it would be in no list and break
  // appeal.submit); the report is the marker a retry finds, and the retry finishes the rest
  // (completeReport: each step idempotent). Locally the whole action is one SQLite transaction
  // anyway; on CloudBase the order does the job, since runTransaction allows single-document
  // operations only and the steps before (rate-limit count, person lookup) are queries.
  try {
    await ctx.store.insert('reports', report);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const winner = await ctx.store.get('reports', reportId);
    if (!winner) throw e;
    return { report: detailOf(winner, true), duplicate: true };
  }
  await completeReport(ctx, report, { current });
  return { report: detailOf(report, true), duplicate: false };
}

/**
 * What follows the report's insert: its code change (when it applies) and its place index. Safe to
 * run again: a retry after a crash part-way does exactly what is missing and nothing twice.
 */
async function completeReport(ctx: ServiceContext, report: ReportDoc, known?: { current: Awaited<ReturnType<typeof getCode>> }): Promise<void> {
  if (report.applied) {
    const eventId = `e_${report._id}`;
    const current = known ? known.current : await getCode(ctx, report.personId);
    let apply = current?.eventId !== eventId;
    if (apply && !known) {
      // On a retry: the event may be written already (crash before the code) — or the code may have
      // changed since, by a later report or staff; then that later change stands.
      const event = await ctx.store.get('codeEvents', eventId);
      if (event) apply = !current || current.updatedAt <= event.at;
      else if (current && loosens(ctx.policy, current.decision, report.decision)) apply = false;
    }
    if (apply) {
      await changeCode(
        ctx,
        { personId: report.personId, accountId: report.accountId, decision: report.decision, source: 'report', eventId, reportId: report._id, countyCode: report.destination.countyCode },
        { current },
      );
    }
  }
  await indexReportPlaces(ctx, report);
}

const getCode = (ctx: ServiceContext, personId: string) => ctx.store.get('codes', personId);

function resolveStop(ctx: ServiceContext, list: VersionSnapshot | null, stop: ReportInput['itinerary'][number], i: number) {
  const where = i === 0 ? '出发地' : `第${i}个途经地`;
  const town = ctx.divisions.get(stop.townCode);
  if (!town || town.level !== 4) throw badInput(`${where}不存在，请重新选择到乡镇/街道`, `itinerary.${i}.townCode`);
  const county = countyOf(stop.townCode);
  const listed = list?.areasOf(county) ?? [];
  const chosen = stop.riskAreaIds;
  if (listed.length && chosen === undefined) {
    throw badInput(`${where}所在县（区）有中高风险区域，请选择到过的区域，或选“以上均未到过”`, `itinerary.${i}.riskAreaIds`);
  }
  const byId = new Map(listed.map((a) => [a.id, a] as const));
  const unknown = (chosen ?? []).find((id) => !byId.has(id));
  if (unknown) {
    throw badInput(`${where}所选的风险区域不在当前名单中，请刷新后重新选择`, `itinerary.${i}.riskAreaIds`);
  }
  const facts: FactsStop = {
    townCode: stop.townCode,
    departDate: stop.departDate,
    ...(chosen ? { riskAreaIds: [...new Set(chosen)] } : {}),
    countyName: ctx.divisions.fullName(county),
    cityName: ctx.divisions.cityName(county),
  };
  const stored = {
    townCode: stop.townCode,
    departDate: stop.departDate,
    ...(chosen ? { riskAreaIds: [...new Set(chosen)] } : {}),
    place: town.fullName,
    riskAreas: [...new Set(chosen ?? [])].map((id) => byId.get(id)!.area),
  };
  return { facts, stored };
}

/**
 * The account's own person (实名): bound by the first report, the same on every later one. The
 * person is the ID number's, shared with any account that reports for them; nothing is written here.
 */
async function selfPerson(
  ctx: ServiceContext,
  account: AccountDoc,
  input: Pick<ReportInput, 'name' | 'idNumber' | 'phone'>,
): Promise<{ person: PersonDoc; isNew: boolean }> {
  const personId = personIdFor(input.idNumber);
  if (account.selfPersonId && account.selfPersonId !== personId) {
    const bound = await ctx.store.get('persons', account.selfPersonId);
    throw conflict(
      `本账号已实名绑定身份证号${bound ? maskIdNumber(bound.idNumber) : ''}，只能为本人报备`,
      'idNumber',
    );
  }
  if (!account.selfPersonId) {
    const link = await ctx.store.get('personLinks', linkIdFor(account._id, personId));
    if (link && link.relation !== 'self') throw conflict('该身份证号已添加为家庭成员，请在“家庭成员”中为其报备', 'idNumber');
  }
  return personByIdNumber(ctx, account, input);
}

async function keepSelf(ctx: ServiceContext, account: AccountDoc, found: { person: PersonDoc; isNew: boolean }): Promise<void> {
  await keepPerson(ctx, found);
  const selfView = { name: found.person.name, idNumberMasked: maskIdNumber(found.person.idNumber) };
  // Bound before selfView existed: the next report adds it.
  if (account.selfPersonId) {
    if (!account.selfView) await ctx.store.update('accounts', account._id, { selfView });
    return;
  }
  await linkPerson(ctx, account, found.person._id, 'self');
  await ctx.store.update('accounts', account._id, { selfPersonId: found.person._id, selfView });
}

export async function listReports(ctx: ServiceContext, personId?: string): Promise<{ reports: ReportSummary[] }> {
  const account = await requireAccount(ctx);
  // One person's reports (a family member's, checked to be this account's), or all the account filed.
  if (personId !== undefined) await ownPerson(ctx, account, personId);
  const docs = await ctx.store.find('reports', {
    where: personId === undefined ? { accountId: account._id } : { personId, accountId: account._id },
    orderBy: [['createdAt', 'desc']],
    limit: 50,
  });
  return { reports: docs.map(summaryOf) };
}

export async function getReport(ctx: ServiceContext, id: string): Promise<{ report: ReportDetail }> {
  const account = await requireAccount(ctx);
  const doc = await ctx.store.get('reports', id);
  // Someone else's report is answered exactly like a missing one: its existence is not disclosed.
  if (!doc || doc.accountId !== account._id) throw notFound('未找到该报备记录');
  return { report: detailOf(doc, true) };
}

function summaryOf(doc: ReportDoc): ReportSummary {
  return {
    id: doc._id,
    createdAt: doc.createdAt,
    name: doc.name,
    arrivalDate: doc.arrivalDate,
    origin: doc.itinerary[0]?.place ?? '',
    destination: doc.destination.address,
    code: doc.decision.code,
    clause: doc.decision.clause,
  };
}

/** `own`: the person themself sees their identifiers; everyone else sees them masked. */
export function detailOf(doc: ReportDoc, own: boolean): ReportDetail {
  return {
    ...summaryOf(doc),
    name: doc.name,
    idNumber: own ? doc.idNumber : maskIdNumber(doc.idNumber),
    phone: own ? doc.phone : maskPhone(doc.phone),
    itinerary: doc.itinerary,
    transport: doc.transport,
    ...(doc.transportNo ? { transportNo: doc.transportNo } : {}),
    itineraryStar: doc.itineraryStar,
    destinationAddress: doc.destination.address,
    decision: doc.decision,
  };
}
