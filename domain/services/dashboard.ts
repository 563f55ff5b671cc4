// The Bureau's daily processing-quality view (三(一)). Every figure is derived from one list of
// events (metric, day, county, record), so a count and the list behind it can never disagree.
import ExcelJS from 'exceljs';
import type { DailyCounts, DailyRow, DashboardOutputs, DrillRow, Metric } from '../../types/api/dashboard';
import { METRIC_DEFINITIONS, METRIC_LABELS, METRICS } from '../../types/dashboard';
import type { LocalDate } from '../../types/model';
import { HECHI_CITY } from '../divisions/codes';
import { badInput } from '../errors';
import { auditDetail } from '../staff/audit';
import type { AppealDoc, CheckpointCheckDoc, ReportDoc, ReportFlagDoc, TransferDoc, VerificationDoc } from '../store/collections';
import { addDays, daysBetween, localDate, startOfLocalDay } from '../time';
import { maskIdNumber, maskName } from '../validate/identity';
import type { ServiceContext } from './context';
import { mapLimited } from './concurrency';

export const DEFINITIONS = METRIC_DEFINITIONS;

/** The longest range one request may cover, and the default: the last 14 days. */
const MAX_DAYS = 31;
const DEFAULT_DAYS = 14;
const DAY_MS = 86_400_000;

interface Event {
  metric: Metric;
  date: LocalDate;
  countyCode: string;
  ref: string;
  at: string;
  name: string;
  idNumber: string;
  detail: string;
}

interface Range {
  from: LocalDate;
  to: LocalDate;
}

function rangeOf(ctx: ServiceContext, input: { from?: string; to?: string }): Range {
  const today = localDate(ctx.now);
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (to > today) throw badInput('结束日期不能晚于今天', 'to');
  if (from > to) throw badInput('开始日期不能晚于结束日期', 'from');
  if (daysBetween(from, to) >= MAX_DAYS) throw badInput(`一次最多查看${MAX_DAYS}天`, 'from');
  return { from, to };
}

const countiesOf = (ctx: ServiceContext) => ctx.divisions.children(HECHI_CITY).map((c) => ({ code: c.code, name: c.name }));

/** Everything that happened in the range (reports from 14 days earlier, for what is still pending). */
async function events(ctx: ServiceContext, range: Range): Promise<Event[]> {
  const start = startOfLocalDay(addDays(range.from, -14)).toISOString();
  const end = startOfLocalDay(addDays(range.to, 1)).toISOString();
  const inRange = { $gte: start, $lt: end };
  const counties = countiesOf(ctx).map((c) => c.code);
  // Eight queries in flight at most, one collection after another: the 11 counties × 5 collections
  // were 46 queries at once against a plan's 20 connections.
  const perCounty = async <T>(load: (county: string) => Promise<T[]>) => (await mapLimited(counties, 8, load)).flat();

  const reports = await perCounty((c) => ctx.store.find('reports', { where: { 'destination.countyCode': c, createdAt: inRange } }));
  const verifications = await ctx.store.find('verifications', { where: { at: inRange } });
  const transfers = await ctx.store.find('transfers', { where: { at: inRange } });
  const appeals = await perCounty((c) => ctx.store.find('appeals', { where: { countyCode: c, createdAt: inRange } }));
  const checks = await perCounty((c) => ctx.store.find('checkpointChecks', { where: { countyCode: c, at: inRange } }));
  const flags = await perCounty((c) => ctx.store.find('reportFlags', { where: { countyCode: c, at: inRange } }));
  const byId = new Map(reports.map((r) => [r._id, r] as const));
  // Verified or transferred reports filed before the window: fetched one by one (rare).
  for (const id of new Set([...verifications, ...transfers].map((v) => v.reportId))) {
    if (!byId.has(id)) {
      const doc = await ctx.store.get('reports', id);
      if (doc) byId.set(id, doc);
    }
  }
  const persons = new Map<string, { name: string; idNumber: string }>();
  for (const r of byId.values()) persons.set(r.personId, { name: r.name, idNumber: r.idNumber });

  const out: Event[] = [];
  const inWindow = (date: LocalDate) => date >= range.from && date <= range.to;
  const push = (e: Omit<Event, 'date'>, at: string) => {
    const date = localDate(at);
    if (inWindow(date)) out.push({ ...e, date });
  };
  const ofReport = (r: ReportDoc, metric: Metric, at: string, detail: string) =>
    push({ metric, countyCode: r.destination.countyCode, ref: `reports/${r._id}`, at, name: r.name, idNumber: r.idNumber, detail }, at);

  for (const r of reports) ofReport(r, 'received', r.createdAt, `抵河${r.arrivalDate}，${r.decision.code === 'red' ? '红码' : r.decision.code === 'yellow' ? '黄码' : '绿码'}`);
  const first = (list: VerificationDoc[], pick: (v: VerificationDoc) => boolean) => {
    const m = new Map<string, VerificationDoc>();
    for (const v of [...list].sort((a, b) => a.at.localeCompare(b.at))) if (pick(v) && !m.has(v.reportId)) m.set(v.reportId, v);
    return m;
  };
  const reached = first(verifications, (v) => v.reached);
  const coded = first(verifications, (v) => Boolean(v.code));
  for (const [id, v] of reached) if (byId.has(id)) ofReport(byId.get(id)!, 'verified', v.at, '电话核实');
  for (const [id, v] of coded) if (byId.has(id)) ofReport(byId.get(id)!, 'coded', v.at, `赋${v.code === 'red' ? '红' : v.code === 'yellow' ? '黄' : '绿'}码（${v.clause ?? ''}）`);
  for (const t of transfers as TransferDoc[]) {
    const r = byId.get(t.reportId);
    if (r) push({ metric: 'transferred', countyCode: t.from.villageCode.slice(0, 6), ref: `reports/${r._id}`, at: t.at, name: r.name, idNumber: r.idNumber, detail: `转派至${ctx.divisions.fullName(t.to.villageCode)}，告知${t.contact.name}` }, t.at);
  }

  // Pending over 24 hours, as of the end of each day (or now, for today).
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const asOf = Math.min(startOfLocalDay(addDays(day, 1)).getTime(), ctx.now.getTime());
    for (const r of reports) {
      if (Date.parse(r.createdAt) > asOf - DAY_MS) continue;
      const handled = reached.get(r._id);
      if (handled && Date.parse(handled.at) <= asOf) continue;
      out.push({ metric: 'pendingOver24h', date: day, countyCode: r.destination.countyCode, ref: `reports/${r._id}`, at: r.createdAt, name: r.name, idNumber: r.idNumber, detail: '超过24小时未核实' });
    }
  }

  for (const a of appeals as AppealDoc[]) {
    const who = persons.get(a.personId) ?? (await personOf(ctx, a.personId));
    const base = { countyCode: a.countyCode, ref: `appeals/${a._id}`, name: who.name, idNumber: who.idNumber };
    if (a.answer) {
      push({ ...base, metric: 'appealsAnswered', at: a.answer.answeredAt, detail: a.answer.outcome === 'wrong' ? '赋码有误，已更正' : '维持原码' }, a.answer.answeredAt);
      if (a.onTime) push({ ...base, metric: 'appealsOnTime', at: a.answer.answeredAt, detail: '24小时内答复' }, a.answer.answeredAt);
    }
    const late = a.answer ? !a.onTime : Date.parse(a.deadline) <= ctx.now.getTime();
    if (late) push({ ...base, metric: 'appealsOverdue', at: a.deadline, detail: a.answer ? '超时答复' : '超时未答复' }, a.deadline);
  }
  for (const c of checks as CheckpointCheckDoc[]) {
    if (c.kind === 'checks') continue;
    const who = c.personId ? (persons.get(c.personId) ?? (await personOf(ctx, c.personId))) : { name: '', idNumber: '' };
    push({ metric: 'checkpointChecks', countyCode: c.countyCode, ref: `checkpointChecks/${c._id}`, at: c.at, ...who, detail: `${c.checkpoint}：${c.kind === 'report' ? '现场报备' : c.result === 'refused' ? `拒绝（${c.refusal}）` : '核验'}` }, c.at);
  }
  for (const f of flags as ReportFlagDoc[]) {
    const who = persons.get(f.personId) ?? (await personOf(ctx, f.personId));
    push({ metric: 'checkpointFlags', countyCode: f.countyCode, ref: `reports/${f.reportId}`, at: f.at, ...who, detail: `${f.checkpoint}：${f.note ?? ''}` }, f.at);
  }
  return out;
}

async function personOf(ctx: ServiceContext, personId: string) {
  const p = await ctx.store.get('persons', personId);
  return { name: p?.name ?? '', idNumber: p?.idNumber ?? '' };
}

const zero = (): DailyCounts => Object.fromEntries(METRICS.map((m) => [m, 0])) as DailyCounts;

export async function dailyQuality(ctx: ServiceContext, input: { from?: string; to?: string }): Promise<DashboardOutputs['daily']> {
  const range = rangeOf(ctx, input);
  const counties = countiesOf(ctx);
  const rows = new Map<string, DailyRow>();
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    for (const c of counties) rows.set(`${day}|${c.code}`, { date: day, countyCode: c.code, ...zero() });
  }
  const totals = zero();
  for (const e of await events(ctx, range)) {
    const row = rows.get(`${e.date}|${e.countyCode}`);
    if (!row) continue; // a checkpoint outside Hechi's counties cannot happen; a stray code is not counted
    row[e.metric]++;
    totals[e.metric]++;
  }
  await auditDetail(ctx, { target: `dashboard/${range.from}..${range.to}` });
  return { ...range, counties, rows: [...rows.values()], totals, definitions: DEFINITIONS };
}

export async function drillDown(ctx: ServiceContext, input: { date: string; countyCode: string; metric: Metric }): Promise<{ rows: DrillRow[] }> {
  const range = rangeOf(ctx, { from: input.date, to: input.date });
  const rows = (await events(ctx, range))
    .filter((e) => e.metric === input.metric && e.countyCode === input.countyCode)
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((e) => ({ ref: e.ref, at: e.at, nameMasked: maskName(e.name), idNumberMasked: maskIdNumber(e.idNumber), detail: e.detail }));
  await auditDetail(ctx, { target: `dashboard/${input.date}/${input.countyCode}/${input.metric}`, after: { rows: rows.length } });
  return { rows };
}

export async function exportTable(
  ctx: ServiceContext,
  input: { table: 'daily' | 'list'; from?: string; to?: string; date?: string; countyCode?: string; metric?: Metric },
): Promise<{ fileName: string; base64: string }> {
  const book = new ExcelJS.Workbook();
  book.creator = '河池市大数据发展局';
  let fileName: string;
  // The tables are read as the export's own: their reads hand no entries of their own (a discarded
  // trail), so the export is logged once, as an export.
  const reading: ServiceContext = { ...ctx, auditTrail: { entries: [], retried: false } };
  if (input.table === 'daily') {
    const daily = await dailyQuality(reading, input);
    const names = new Map(daily.counties.map((c) => [c.code, c.name] as const));
    const sheet = book.addWorksheet('每日处理质量');
    sheet.addRow(['日期', '县（市、区）', ...METRICS.map((m) => METRIC_LABELS[m])]);
    for (const r of daily.rows) sheet.addRow([r.date, names.get(r.countyCode) ?? r.countyCode, ...METRICS.map((m) => r[m])]);
    sheet.addRow(['合计', '', ...METRICS.map((m) => daily.totals[m])]);
    const notes = book.addWorksheet('指标说明');
    for (const m of METRICS) notes.addRow([METRIC_LABELS[m], DEFINITIONS[m]]);
    fileName = `每日处理质量_${daily.from}_${daily.to}.xlsx`;
  } else {
    if (!input.date || !input.countyCode || !input.metric) throw badInput('导出明细需指定日期、县区和指标', 'date');
    const { rows } = await drillDown(reading, { date: input.date, countyCode: input.countyCode, metric: input.metric });
    const sheet = book.addWorksheet(METRIC_LABELS[input.metric]);
    sheet.addRow(['时间', '姓名', '身份证号', '说明', '记录']);
    for (const r of rows) sheet.addRow([r.at, r.nameMasked, r.idNumberMasked, r.detail, r.ref]);
    fileName = `${METRIC_LABELS[input.metric]}_${ctx.divisions.fullName(input.countyCode)}_${input.date}.xlsx`;
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  // An export takes data out of the system: logged as such, with what was exported (issue 13).
  await auditDetail(ctx, {
    target: `dashboard/export/${input.table}`,
    after: { fileName, bytes: buffer.length, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) },
  });
  return { fileName, base64: buffer.toString('base64') };
}
