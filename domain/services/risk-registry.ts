// The risk-area registry (三(三)): a day's national list is uploaded as a draft, its rows grouped by
// name and resolved to counties (by the rules of ./risk-resolve.ts, by decisions remembered from
// earlier days, or by the Bureau — one decision per name), previewed, confirmed and published as an
// immutable dated version by a resumable job (./risk-job.ts) that then re-codes what it changed.
// Nothing here returns or stores a whole list: drafts, versions and diffs are read a page at a time.
import type { LocalDate, RiskAreaKind } from '../../types/model';
import type {
  Page,
  PlaceView,
  RiskAreaChangeView,
  RiskAreaView,
  RiskDraftGroupView,
  RiskDraftRowView,
  RiskDraftView,
  RiskJobView,
  RiskPublishPreview,
  RiskQueryAnswer,
  RiskVersionSummary,
} from '../../types/api/risk';
import type { Divisions } from '../divisions';
import { MUNICIPALITIES, cityOf, countyOf, provinceOf } from '../divisions/codes';
import { badInput, conflict, notFound } from '../errors';
import { FileNotFoundError, FileTooLargeError } from '../files/port';
import { auditDetail, auditRetried, auditWithin, type AuditDetail } from '../staff/audit';
import { actingStaff } from '../staff/authorize';
import type {
  JobDoc,
  RiskAreaDoc,
  RiskDraftCity,
  RiskDraftDoc,
  RiskDraftGroupDoc,
  RiskMappingDoc,
  RiskVersionDoc,
  RiskAliasDoc,
} from '../store/collections';
import { atomically, DuplicateKeyError } from '../store/port';
import { addDays, chineseDate, isLocalDate, localDate } from '../time';
import type { ServiceContext } from './context';
import { importList, KIND_LABELS, MAX_LIST_BYTES, parseCityLines } from './risk-import';
// streetAreas lives in risk-list.ts, so the `division` function does not bundle the list importers (iconv-lite…).
import { countyDocId, newestVersion, riskListOn, snapshotFor, streetAreas, versionIdFor, type VersionSnapshot } from './risk-list';
import {
  areaIdFor,
  citiesToPick,
  countiesToPick,
  draftRows,
  groupByName,
  nameIdFor,
  provinceCodeOf,
  resolveCity,
  resolveName,
} from './risk-resolve';
import { recodeWindowDays } from './recode';
import { mapLimited } from './concurrency';
import { JOB_BATCH, jobView, runJob, startPublishJob } from './risk-job';

export { areaIdFor };
export const kindOf = (a: Pick<RiskAreaDoc, 'kind' | 'level'>): RiskAreaKind => a.kind ?? a.level;
const ZERO_KINDS = (): Record<RiskAreaKind, number> => ({ high: 0, medium: 0, sealed: 0, controlled: 0 });
const STRICTER: Record<RiskAreaKind, number> = { sealed: 3, high: 2, controlled: 1, medium: 0 };

// ---------------------------------------------------------------- paging

/** Many writes at once: one commit where the store groups them (SQLite). */
const write = <T>(ctx: ServiceContext, fn: () => Promise<T>): Promise<T> => (ctx.store.batch ? ctx.store.batch(fn) : fn());

const pageOf = (limit: number | undefined, fallback: number, max: number) => Math.min(Math.max(limit ?? fallback, 1), max);

// ---------------------------------------------------------------- views

export function areaView(d: Divisions, a: RiskAreaDoc): RiskAreaView {
  return { id: a.id, kind: kindOf(a), level: a.level, area: a.area, countyCode: a.countyCode, county: d.fullName(a.countyCode), cityCode: a.cityCode };
}

/** Name of a policy city code (a municipality is `1100`). */
export function cityName(d: Divisions, code: string): string {
  return code.endsWith('00') ? (d.get(provinceOf(code))?.name ?? code) : d.fullName(code);
}
const placeOf = (d: Divisions, code: string): PlaceView => ({ code, name: cityName(d, code) });

const STATUS_RANK: Record<RiskDraftGroupDoc['status'], number> = { open: 0, excluded: 1, resolved: 2 };
const sortKey = (g: Pick<RiskDraftGroupDoc, 'status' | 'province' | 'city' | 'county' | 'part' | 'nameId'>) =>
  `${STATUS_RANK[g.status]}|${g.province}${g.city}${g.county}|${g.part ?? ''}|${g.nameId}`;

function groupView(d: Divisions, g: RiskDraftGroupDoc): RiskDraftGroupView {
  const named = (code: string) => ({ code, name: d.fullName(code) });
  const provinceCode = provinceCodeOf(d, g.province);
  return {
    id: g.nameId,
    province: g.province,
    city: g.city,
    county: g.county,
    ...(g.part ? { part: g.part } : {}),
    rows: g.rows.length,
    sample: g.rows.slice(0, 3).map((r) => ({ row: r.row, kind: r.kind, area: r.area })),
    status: g.status,
    ...(g.status === 'resolved' && g.countyCode ? { countyCode: g.countyCode, countyName: d.fullName(g.countyCode), how: g.how! } : {}),
    ...(g.decided ? { decided: { byName: g.decided.byName, at: g.decided.at, remembered: g.decided.remembered } } : {}),
    ...(g.status === 'excluded' && g.excluded ? { excluded: { reason: g.excluded.reason } } : {}),
    suggestions: g.suggestions.map(named),
    pickFrom: countiesToPick(d, g),
    ...(provinceCode ? { provinceCode } : {}),
  };
}

async function draftView(ctx: ServiceContext, draft: RiskDraftDoc): Promise<RiskDraftView> {
  const d = ctx.divisions;
  const count = (status: RiskDraftGroupDoc['status']) => ctx.store.count('riskDraftGroups', { draftId: draft._id, status });
  const [open, resolved, excluded] = await Promise.all([count('open'), count('resolved'), count('excluded')]);
  const remembered = await ctx.store.count('riskDraftGroups', { draftId: draft._id, 'decided.remembered': true });
  const openCities = draft.cities.filter((c) => !c.cityCode && !c.excluded);
  const blockers: string[] = [];
  if (draft.status === 'published') blockers.push('该名单已发布');
  if (draft.status === 'publishing') blockers.push('该名单正在发布');
  if (draft.status === 'replaced') blockers.push('该日期已重新上传名单，此稿已作废');
  if (open) blockers.push(`还有${open}组名称（共${draft.rowsOpen}个区域）未对应到区县：请为每组选择对应的区县，或注明原因排除`);
  if (openCities.length) blockers.push(`还有${openCities.length}个有确诊病例的城市未对应（${openCities.slice(0, 5).map((c) => `${c.province}${c.city}`).join('、')}）`);
  if (draft.rows - draft.rowsExcluded - draft.rowsOpen <= 0 && !open) blockers.push('没有任何可发布的风险区域');
  return {
    draftId: draft._id,
    date: draft.date,
    revision: draft.revision,
    ...(draft.supersedes ? { supersedes: draft.supersedes } : {}),
    status: draft.status === 'replaced' ? 'draft' : draft.status,
    format: draft.format,
    ...(draft.fileName ? { fileName: draft.fileName } : {}),
    uploadedAt: draft.uploadedAt,
    counts: {
      entries: draft.entries,
      low: draft.low,
      stated: draft.stated,
      duplicates: draft.duplicates,
      groups: draft.groups,
      open,
      resolved,
      excluded,
      remembered,
      rows: draft.rows - draft.rowsExcluded - draft.rowsOpen,
      rowsExcluded: draft.rowsExcluded,
      cities: draft.cities.length,
    },
    cities: draft.cities.map((c) => ({
      row: c.row,
      province: c.province,
      city: c.city,
      ...(c.cityCode ? { cityCode: c.cityCode, cityName: cityName(d, c.cityCode), how: c.how! } : {}),
      ...(c.excluded ? { excluded: { reason: c.excluded.reason } } : {}),
      pickFrom: c.cityCode ? [] : citiesToPick(d, c.province),
      ...(provinceCodeOf(d, c.province) ? { provinceCode: provinceCodeOf(d, c.province)! } : {}),
    })),
    blockers,
  };
}

// ---------------------------------------------------------------- upload

function checkListDate(ctx: ServiceContext, date: LocalDate): void {
  if (!isLocalDate(date)) throw badInput('名单日期不是有效的日期', 'date');
  if (date > localDate(ctx.now)) throw badInput(`名单日期${chineseDate(date)}晚于今天，不能发布未来的名单`, 'date');
}

/** Which revision of `date` a new draft would be, or why there can be none. */
async function revisionFor(ctx: ServiceContext, date: LocalDate): Promise<{ revision: number; supersedes?: RiskVersionDoc }> {
  const newest = await newestVersion(ctx.store);
  if (!newest) return { revision: 1 };
  if (newest.status === 'publishing') throw conflict(`${chineseDate(newest.date)}的名单正在发布，请等发布完成后再上传`, 'date');
  if (newest.date > date) {
    throw conflict(`已发布${chineseDate(newest.date)}的名单：只能发布更晚日期的名单，或更正最新一天（${chineseDate(newest.date)}）的名单`, 'date');
  }
  if (newest.date === date) return { revision: newest.revision + 1, supersedes: newest };
  return { revision: 1 };
}

export interface UploadInput {
  date: LocalDate;
  fileId: string;
  fileName?: string;
  confirmedCities?: string[];
}

async function loadMappings(ctx: ServiceContext): Promise<Map<string, RiskMappingDoc>> {
  const docs = await ctx.store.find('riskMappings', { orderBy: [['_id', 'asc']] });
  return new Map(docs.map((m) => [m._id, m]));
}

export async function uploadDraft(ctx: ServiceContext, input: UploadInput): Promise<{ draft: RiskDraftView }> {
  const staff = await actingStaff(ctx);
  checkListDate(ctx, input.date);
  const { revision, supersedes } = await revisionFor(ctx, input.date);
  const earlier = await ctx.store.find('riskDrafts', {
    where: { date: input.date, revision },
    orderBy: [['upload', 'desc']],
    limit: 1,
  });
  // A retried upload (the same file sent again) answers the draft it made, instead of a second one.
  if (earlier[0]?.fileId === input.fileId && earlier[0].status === 'draft') {
    auditRetried(ctx);
    return { draft: await draftView(ctx, earlier[0]) };
  }
  let file;
  try {
    file = await ctx.files.read(input.fileId, MAX_LIST_BYTES);
  } catch (e) {
    if (e instanceof FileNotFoundError) throw badInput('找不到上传的文件，请重新上传', 'fileId');
    if (e instanceof FileTooLargeError) {
      throw badInput(`文件过大（超过${MAX_LIST_BYTES / 1024 / 1024}MB），不像是风险区域名单，请检查后重新上传`, 'fileId');
    }
    throw e;
  }
  const today = localDate(ctx.now);
  const imported = await importList(file.bytes, input.fileName ?? file.name ?? input.fileId, today);
  if (imported.date && imported.date !== input.date) {
    throw badInput(`文件中的名单日期为${chineseDate(imported.date)}，与所选的${chineseDate(input.date)}不一致`, 'date');
  }
  const typed = parseCityLines(input.confirmedCities ?? []);
  const badCity = typed.find((c) => !c.city);
  if (badCity) throw badInput(`有确诊病例的城市第${badCity.row}行“${badCity.province}”请写成“省份 城市”`, 'confirmedCities');
  const seenCities = new Set<string>();
  const cityRows = [...imported.cities, ...typed.map((c) => ({ ...c, row: imported.cities.length + c.row }))].filter((c) => {
    const key = `${c.province}|${c.city}`;
    if (seenCities.has(key)) return false;
    seenCities.add(key);
    return true;
  });

  const d = ctx.divisions;
  const mappings = await loadMappings(ctx);
  const groups = groupByName(d, imported.rows);
  const upload = (earlier[0]?.upload ?? 0) + 1;
  const draftId = `${versionIdFor(input.date, revision)}_u${upload}`;
  const at = ctx.now.toISOString();

  let rowsOpen = 0;
  let rowsExcluded = 0;
  const docs: RiskDraftGroupDoc[] = groups.map((g) => {
    const remembered = mappings.get(g.nameId);
    const rules = resolveName(d, g);
    const base = { _id: `${draftId}_${g.nameId}`, draftId, nameId: g.nameId, province: g.province, city: g.city, county: g.county, ...(g.part ? { part: g.part } : {}) };
    const decided = remembered ? { by: remembered.by, byName: remembered.byName ?? remembered.by, at: remembered.at, remembered: true } : undefined;
    let doc: RiskDraftGroupDoc;
    if (remembered?.exclude) {
      doc = { ...base, status: 'excluded', sort: '', suggestions: rules.suggestions, excluded: { reason: remembered.exclude.reason }, decided, rows: draftRows(g.rows, rules) };
      rowsExcluded += g.rows.length;
    } else if (remembered?.code) {
      doc = { ...base, status: 'resolved', sort: '', countyCode: remembered.code, how: 'mapping', suggestions: [], decided, rows: draftRows(g.rows, { areaText: (a) => a }) };
    } else if (rules.countyCode) {
      doc = { ...base, status: 'resolved', sort: '', countyCode: rules.countyCode, how: rules.how!, suggestions: [], rows: draftRows(g.rows, rules) };
    } else {
      doc = { ...base, status: 'open', sort: '', suggestions: rules.suggestions, rows: draftRows(g.rows, rules) };
      rowsOpen += g.rows.length;
    }
    if (!doc.decided) delete doc.decided;
    doc.sort = sortKey(doc);
    return doc;
  });
  const cities: RiskDraftCity[] = cityRows.map((c) => {
    const remembered = mappings.get(nameIdFor(c.province, c.city, ''));
    if (remembered?.exclude) return { ...c, excluded: { reason: remembered.exclude.reason, by: remembered.by, at: remembered.at } };
    return { ...c, ...resolveCity(d, mappings, c) };
  });

  // The groups first, the draft last: a draft is only seen once all its groups are written. A worst-day
  // list has 1,338 names: 8 writes in flight keep that a few seconds in the cloud (one at a time at
  // 30 ms a write would be 40 s) without taking the database plan's connections.
  await write(ctx, () => mapLimited(docs, 8, (doc) => ctx.store.put('riskDraftGroups', doc)));
  const draft: RiskDraftDoc = {
    _id: draftId,
    date: input.date,
    revision,
    upload,
    ...(supersedes ? { supersedes: supersedes._id } : {}),
    status: 'draft',
    format: imported.format,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    fileId: input.fileId,
    entries: imported.entries,
    low: imported.low,
    stated: imported.stated,
    duplicates: imported.duplicates,
    groups: docs.length,
    rows: imported.rows.length,
    rowsOpen,
    rowsExcluded,
    cities,
    uploadedBy: staff._id,
    uploadedAt: at,
    updatedAt: at,
  };
  // The view counts the groups (queries), so it comes first; then the draft, the one it replaces and
  // the audit entry in one transaction: the draft is what a retry finds, and a crash right after it
  // would otherwise leave the upload unaudited.
  const view = await draftView(ctx, draft);
  await atomically(ctx.store, async () => {
    await ctx.store.insert('riskDrafts', draft);
    if (earlier[0] && earlier[0].status === 'draft') await ctx.store.update('riskDrafts', earlier[0]._id, { status: 'replaced', updatedAt: at });
    await auditWithin(ctx, {
      action: 'risk.upload',
      target: `riskDrafts/${draftId}`,
      after: {
        format: draft.format,
        entries: draft.entries,
        low: draft.low,
        duplicates: draft.duplicates,
        groups: draft.groups,
        open: view.counts.open,
        remembered: view.counts.remembered,
        ...(supersedes ? { supersedes: supersedes._id } : {}),
      },
    });
  });
  return { draft: view };
}

async function requireDraft(ctx: ServiceContext, draftId: string): Promise<RiskDraftDoc> {
  const draft = await ctx.store.get('riskDrafts', draftId);
  if (!draft) throw notFound('没有这份待发布的名单，请先上传');
  return draft;
}

function requireEditable(draft: RiskDraftDoc): void {
  if (draft.status === 'published' || draft.status === 'publishing') throw conflict('该名单已发布，不能再修改；如需更正，请重新上传当日名单');
  if (draft.status === 'replaced') throw conflict('该日期已重新上传名单，此稿已作废，请打开最新上传的一份');
}

/** The newest draft of a day. */
export async function getDraft(ctx: ServiceContext, date: LocalDate): Promise<{ draft: RiskDraftView }> {
  const [draft] = await ctx.store.find('riskDrafts', {
    where: { date },
    orderBy: [
      ['revision', 'desc'],
      ['upload', 'desc'],
    ],
    limit: 1,
  });
  if (!draft) throw notFound(`没有${chineseDate(date)}的待发布名单，请先上传`);
  return { draft: await draftView(ctx, draft) };
}

export async function listGroups(
  ctx: ServiceContext,
  input: { draftId: string; status?: RiskDraftGroupDoc['status']; cursor?: string; limit?: number },
): Promise<Page<RiskDraftGroupView>> {
  await requireDraft(ctx, input.draftId);
  const limit = pageOf(input.limit, 30, 100);
  const where = { draftId: input.draftId, ...(input.status ? { status: input.status } : {}) };
  const [docs, total] = await Promise.all([
    ctx.store.find('riskDraftGroups', {
      where: { ...where, ...(input.cursor ? { sort: { $gt: input.cursor } } : {}) },
      orderBy: [['sort', 'asc']],
      limit: limit + 1,
    }),
    ctx.store.count('riskDraftGroups', where),
  ]);
  const items = docs.slice(0, limit);
  return { items: items.map((g) => groupView(ctx.divisions, g)), total, ...(docs.length > limit ? { nextCursor: items.at(-1)!.sort } : {}) };
}

async function requireGroup(ctx: ServiceContext, draftId: string, nameId: string): Promise<RiskDraftGroupDoc> {
  const group = await ctx.store.get('riskDraftGroups', `${draftId}_${nameId}`);
  if (!group) throw badInput('名单中没有这组名称，请刷新后重试', 'target');
  return group;
}

export async function listGroupRows(ctx: ServiceContext, input: { draftId: string; group: string; cursor?: string; limit?: number }): Promise<Page<RiskDraftRowView>> {
  const group = await requireGroup(ctx, input.draftId, input.group);
  const limit = pageOf(input.limit, 50, 200);
  const from = Number(input.cursor ?? 0);
  if (!Number.isInteger(from) || from < 0) throw badInput('翻页位置无效', 'cursor');
  const items = group.rows.slice(from, from + limit).map((r) => ({ row: r.row, kind: r.kind, area: r.area, areaText: r.areaText }));
  return { items, total: group.rows.length, ...(from + limit < group.rows.length ? { nextCursor: String(from + limit) } : {}) };
}

// ---------------------------------------------------------------- decisions (one per name)

/**
 * The draft as it is now, inside the caller's atomic group, still open to decisions. A decision's
 * change to the draft (its row counts, its cities) must start from this read, not from one taken
 * before the group: two staff deciding two names at once each wrote their own total over the
 * other's, and one decision vanished from the counts. Read inside, SQLite serialises the two and
 * CloudBase refuses the later write as a conflict (the adapter runs that group again).
 */
async function draftNow(ctx: ServiceContext, draftId: string): Promise<RiskDraftDoc> {
  const draft = await requireDraft(ctx, draftId);
  requireEditable(draft);
  return draft;
}

/**
 * A name's decision, all together: its mapping, the group and the draft's counts, and the audit entry
 * (with the group as it was). A retry after a crash between them would find the group moved, count no
 * change, and audit the new decision as the one before. The draft and the group are read inside, as
 * they are now: another decision on another group may have landed since.
 */
async function decideGroup(
  ctx: ServiceContext,
  draftId: string,
  mapping: RiskMappingDoc,
  after: RiskDraftGroupDoc,
  entry: Pick<AuditDetail, 'action' | 'after' | 'reason'>,
): Promise<RiskDraftDoc> {
  return atomically(ctx.store, async () => {
    await ctx.store.put('riskMappings', mapping);
    const draft = await draftNow(ctx, draftId);
    // The group too: the same name decided twice at once must move its rows once.
    const before = await requireGroup(ctx, draftId, after.nameId);
    after.sort = sortKey(after);
    await ctx.store.put('riskDraftGroups', after);
    const n = before.rows.length;
    const delta = (status: RiskDraftGroupDoc['status']) => (after.status === status ? n : 0) - (before.status === status ? n : 0);
    draft.rowsOpen += delta('open');
    draft.rowsExcluded += delta('excluded');
    draft.updatedAt = ctx.now.toISOString();
    await ctx.store.update('riskDrafts', draft._id, { rowsOpen: draft.rowsOpen, rowsExcluded: draft.rowsExcluded, updatedAt: draft.updatedAt });
    await auditWithin(ctx, {
      ...entry,
      target: `riskMappings/${mapping._id}`,
      before: before.countyCode ? { code: before.countyCode, how: before.how } : { status: before.status },
    });
    return draft;
  });
}

/** One decision for every row of a name: the county (or city) it means; remembered for later days. */
export async function resolveTarget(
  ctx: ServiceContext,
  input: { draftId: string; list: 'areas' | 'cities'; target: string; code: string },
): Promise<{ draft: RiskDraftView; group?: RiskDraftGroupView }> {
  const staff = await actingStaff(ctx);
  const draft = await requireDraft(ctx, input.draftId);
  requireEditable(draft);
  const d = ctx.divisions;
  const wantLevel = input.list === 'areas' ? 3 : 2;
  const division = d.get(input.code);
  if (!division || division.level !== wantLevel) {
    throw badInput(input.list === 'areas' ? '请选择一个区县（6位区划代码）' : '请选择一个城市（4位区划代码）', 'code');
  }
  const at = ctx.now.toISOString();
  const decided = { by: staff._id, byName: staff.name, at, remembered: false };
  if (input.list === 'areas') {
    const group = await requireGroup(ctx, draft._id, input.target);
    const province = provinceCodeOf(d, group.province);
    if (province && provinceOf(input.code) !== province) throw badInput(`所选的${division.fullName}不在该组的${group.province}内`, 'code');
    const mapping: RiskMappingDoc = { _id: group.nameId, province: group.province, city: group.city, county: group.county, ...(group.part ? { part: group.part } : {}), code: input.code, by: staff._id, byName: staff.name, at };
    const { excluded: _e, ...rest } = group;
    const after: RiskDraftGroupDoc = { ...rest, status: 'resolved', countyCode: input.code, how: 'mapping', decided, rows: group.rows.map((r) => ({ ...r, areaText: r.area })) };
    const moved = await decideGroup(ctx, draft._id, mapping, after, {
      action: 'risk.map',
      after: { province: group.province, city: group.city, county: group.county, part: group.part, code: input.code, name: division.fullName, rows: group.rows.length },
    });
    return { draft: await draftView(ctx, moved), group: groupView(d, after) };
  }
  const row = Number(input.target);
  const entry = draft.cities.find((c) => c.row === row);
  if (!entry) throw badInput(`有确诊病例的城市中没有第${input.target}行`, 'target');
  const province = provinceCodeOf(d, entry.province);
  if (province && provinceOf(input.code) !== province) throw badInput(`所选的${division.fullName}不在该行的${entry.province}内`, 'code');
  const code = cityOf(input.code);
  const mapping: RiskMappingDoc = { _id: nameIdFor(entry.province, entry.city, ''), province: entry.province, city: entry.city, county: '', code, by: staff._id, byName: staff.name, at };
  const updated = await atomically(ctx.store, async () => {
    // The cities as they are now (draftNow): another decision on another city may have landed since.
    const now = await draftNow(ctx, draft._id);
    now.cities = now.cities.map((c) => {
      if (nameIdFor(c.province, c.city, '') !== mapping._id) return c;
      const { excluded: _e, ...rest } = c;
      return { ...rest, cityCode: code, how: 'mapping' };
    });
    now.updatedAt = at;
    await ctx.store.put('riskMappings', mapping);
    await ctx.store.update('riskDrafts', now._id, { cities: now.cities, updatedAt: at });
    await auditWithin(ctx, { action: 'risk.map', target: `riskMappings/${mapping._id}`, after: { province: entry.province, city: entry.city, code, name: cityName(d, code) } });
    return now;
  });
  return { draft: await draftView(ctx, updated) };
}

/** One decision for every row of a name: left out, with the reason; remembered for later days. */
export async function excludeTarget(
  ctx: ServiceContext,
  input: { draftId: string; list: 'areas' | 'cities'; target: string; reason: string },
): Promise<{ draft: RiskDraftView; group?: RiskDraftGroupView }> {
  const staff = await actingStaff(ctx);
  const draft = await requireDraft(ctx, input.draftId);
  requireEditable(draft);
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明排除的原因', 'reason');
  const at = ctx.now.toISOString();
  if (input.list === 'areas') {
    const group = await requireGroup(ctx, draft._id, input.target);
    const mapping: RiskMappingDoc = { _id: group.nameId, province: group.province, city: group.city, county: group.county, ...(group.part ? { part: group.part } : {}), exclude: { reason }, by: staff._id, byName: staff.name, at };
    const { countyCode: _c, how: _h, ...rest } = group;
    const after: RiskDraftGroupDoc = { ...rest, status: 'excluded', excluded: { reason }, decided: { by: staff._id, byName: staff.name, at, remembered: false } };
    const moved = await decideGroup(ctx, draft._id, mapping, after, {
      action: 'risk.exclude',
      after: { province: group.province, city: group.city, county: group.county, part: group.part, rows: group.rows.length },
      reason,
    });
    return { draft: await draftView(ctx, moved), group: groupView(ctx.divisions, after) };
  }
  const row = Number(input.target);
  const entry = draft.cities.find((c) => c.row === row);
  if (!entry) throw badInput(`有确诊病例的城市中没有第${input.target}行`, 'target');
  const mapping: RiskMappingDoc = { _id: nameIdFor(entry.province, entry.city, ''), province: entry.province, city: entry.city, county: '', exclude: { reason }, by: staff._id, byName: staff.name, at };
  const updated = await atomically(ctx.store, async () => {
    const now = await draftNow(ctx, draft._id);
    now.cities = now.cities.map((c) => {
      if (c.row !== row) return c;
      const { cityCode: _c, how: _h, ...rest } = c;
      return { ...rest, excluded: { reason, by: staff._id, at } };
    });
    now.updatedAt = at;
    await ctx.store.put('riskMappings', mapping);
    await ctx.store.update('riskDrafts', now._id, { cities: now.cities, updatedAt: at });
    await auditWithin(ctx, { action: 'risk.exclude', target: `riskDrafts/${now._id}#cities:${row}`, reason });
    return now;
  });
  return { draft: await draftView(ctx, updated) };
}

// ---------------------------------------------------------------- comparing a draft with the list in force

/** Every resolved group's areas by county, a page of groups at a time; one area kept once (the stricter kind). */
export async function draftAreasByCounty(ctx: ServiceContext, draftId: string, counties?: string[]): Promise<Map<string, RiskAreaDoc[]>> {
  const out = new Map<string, Map<string, RiskAreaDoc>>();
  const addGroup = (g: RiskDraftGroupDoc) => {
    if (g.status !== 'resolved' || !g.countyCode) return;
    const county = g.countyCode;
    let areas = out.get(county);
    if (!areas) out.set(county, (areas = new Map()));
    for (const r of g.rows) {
      const id = areaIdFor(county, r.areaText);
      const earlier = areas.get(id);
      if (earlier && STRICTER[kindOf(earlier)] >= STRICTER[r.kind]) continue;
      areas.set(id, { id, level: r.level, kind: r.kind, province: g.province, city: g.city, county: g.county, area: r.areaText, countyCode: county, cityCode: cityOf(county) });
    }
  };
  if (counties) {
    for (let i = 0; i < counties.length; i += 100) {
      const docs = await ctx.store.find('riskDraftGroups', { where: { draftId, countyCode: { $in: counties.slice(i, i + 100) } } });
      docs.forEach(addGroup);
    }
  } else {
    let after = '';
    for (;;) {
      const docs = await ctx.store.find('riskDraftGroups', { where: { draftId, status: 'resolved', ...(after ? { sort: { $gt: after } } : {}) }, orderBy: [['sort', 'asc']], limit: 200 });
      docs.forEach(addGroup);
      if (docs.length < 200) break;
      after = docs.at(-1)!.sort;
    }
  }
  return new Map([...out].map(([county, areas]) => [county, [...areas.values()].sort((a, b) => a.id.localeCompare(b.id))]));
}

export interface CountyChange {
  added: RiskAreaDoc[];
  removed: RiskAreaDoc[];
  changed: Array<RiskAreaDoc & { fromKind: RiskAreaKind }>;
}

export function compareCounty(before: RiskAreaDoc[], after: RiskAreaDoc[]): CountyChange {
  const old = new Map(before.map((a) => [a.id, a] as const));
  const now = new Set(after.map((a) => a.id));
  return {
    added: after.filter((a) => !old.has(a.id)),
    removed: before.filter((a) => !now.has(a.id)),
    changed: after.filter((a) => old.has(a.id) && kindOf(old.get(a.id)!) !== kindOf(a)).map((a) => ({ ...a, fromKind: kindOf(old.get(a.id)!) })),
  };
}

/** At most this many of the list's own county names kept on a version (2022-12-01 had about 60). */
const MAX_ALIASES = 2_000;

export interface DraftComparison {
  against: RiskVersionDoc | null;
  aliases: RiskAliasDoc[];
  areas: number;
  kinds: Record<RiskAreaKind, number>;
  counties: string[];
  cities: string[];
  confirmed: string[];
  /** Every county of the draft or of the version compared with (what the publishing job writes). */
  allCounties: string[];
  added: number;
  removed: number;
  changed: number;
  changedCounties: Array<{ code: string; added: number; removed: number; changed: number }>;
  changedCities: string[];
  citiesAdded: string[];
  citiesRemoved: string[];
}

/** The draft against the list in force now: what publishing it would change. */
export async function compareDraft(ctx: ServiceContext, draft: RiskDraftDoc): Promise<DraftComparison> {
  const against = await riskListOn(ctx.store, localDate(ctx.now));
  const next = await draftAreasByCounty(ctx, draft._id);
  const allCounties = [...new Set([...next.keys(), ...(against?.counties ?? [])])].sort();
  const before = await snapshotFor(ctx.store, against, allCounties);
  const kinds = ZERO_KINDS();
  let areas = 0;
  // The list's own names for counties that are no GB/T 2260 name (长春新区 → 长春高新技术产业开发区): the quick query finds them.
  const aliases = new Map<string, RiskAliasDoc>();
  for (const list of next.values()) for (const a of list) {
    kinds[kindOf(a)]++;
    areas++;
    const own = ctx.divisions.get(a.countyCode)?.name;
    const name = a.county.replace(/\s+/g, '');
    if (name && own && name !== own && own !== a.city && name !== a.city && aliases.size < MAX_ALIASES) aliases.set(`${name}|${a.countyCode}`, { name, fullName: `${a.province}${a.city}${name}`, code: a.countyCode });
  }
  const changedCounties: DraftComparison['changedCounties'] = [];
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const county of allCounties) {
    const c = compareCounty(before?.areasOf(county) ?? [], next.get(county) ?? []);
    if (!c.added.length && !c.removed.length && !c.changed.length) continue;
    changedCounties.push({ code: county, added: c.added.length, removed: c.removed.length, changed: c.changed.length });
    added += c.added.length;
    removed += c.removed.length;
    changed += c.changed.length;
  }
  const counties = [...next.keys()].sort();
  const cities = [...new Set(counties.map(cityOf))].sort();
  const confirmed = [...new Set(draft.cities.filter((c) => c.cityCode && !c.excluded).map((c) => c.cityCode!))].sort();
  const casesBefore = new Set([...(against?.confirmedCityCodes ?? []), ...(against?.cities ?? [])]);
  const casesAfter = new Set([...confirmed, ...cities]);
  const changedCities = [...new Set([...casesBefore, ...casesAfter])].filter((c) => casesBefore.has(c) !== casesAfter.has(c)).sort();
  const confirmedBefore = new Set(against?.confirmedCityCodes ?? []);
  return {
    against,
    aliases: [...aliases.values()],
    areas,
    kinds,
    counties,
    cities,
    confirmed,
    allCounties,
    added,
    removed,
    changed,
    changedCounties,
    changedCities,
    citiesAdded: confirmed.filter((c) => !confirmedBefore.has(c)),
    citiesRemoved: [...confirmedBefore].filter((c) => !confirmed.includes(c)),
  };
}

/** Recent arrivals whose itinerary touches the changed counties or cities (a place-index count per hundred codes). */
async function arrivalsTouched(ctx: ServiceContext, counties: string[], cities: string[]): Promise<number> {
  const arrivalDate = { $gte: addDays(localDate(ctx.now), -recodeWindowDays(ctx.policy)) };
  let n = 0;
  for (let i = 0; i < counties.length; i += 100) n += await ctx.store.count('reportPlaces', { countyCode: { $in: counties.slice(i, i + 100) }, arrivalDate });
  // A city's places in a county already counted are not counted twice: counted, never read (reading
  // a confirmed city's places was up to 100 pages of documents inside one publish preview).
  for (const city of cities) {
    n += await ctx.store.count('reportPlaces', { cityCode: city, arrivalDate });
    const counted = counties.filter((c) => cityOf(c) === city);
    for (let i = 0; i < counted.length; i += 100) n -= await ctx.store.count('reportPlaces', { countyCode: { $in: counted.slice(i, i + 100) }, arrivalDate });
  }
  return n;
}

export async function previewDraft(ctx: ServiceContext, draftId: string): Promise<{ preview: RiskPublishPreview }> {
  const draft = await requireDraft(ctx, draftId);
  const view = await draftView(ctx, draft);
  const c = await compareDraft(ctx, draft);
  const d = ctx.divisions;
  const warnings: string[] = [];
  const revision = !!draft.supersedes;
  if (revision) warnings.push(`这是对${chineseDate(draft.date)}已发布名单的更正：发布后取代原名单，并按更正后的名单重新赋码`);
  if (c.against && c.removed > 0 && c.removed >= c.against.counts.areas / 2) {
    warnings.push(`将移除现行名单（${chineseDate(c.against.date)}）${c.against.counts.areas}个区域中的${c.removed}个，超过一半：请确认这是完整的当日名单，而不是测试或部分名单`);
  }
  if (c.against && c.areas < c.against.counts.areas / 10) warnings.push(`新名单只有${c.areas}个区域，不到现行名单的十分之一`);
  const touched = await arrivalsTouched(ctx, c.changedCounties.map((x) => x.code), c.changedCities);
  const sample = [...c.changedCounties].sort((a, b) => b.added + b.removed + b.changed - (a.added + a.removed + a.changed)).slice(0, 10);
  return {
    preview: {
      draftId,
      date: draft.date,
      against: c.against ? { versionId: c.against._id, date: c.against.date } : null,
      revision,
      areas: c.areas,
      added: c.added,
      removed: c.removed,
      changed: c.changed,
      counties: c.changedCounties.length,
      cities: c.changedCities.length,
      arrivalsTouched: touched,
      warnings,
      blockers: view.blockers,
      sampleCounties: sample.map((x) => ({ ...x, name: d.fullName(x.code) })),
    },
  };
}

// ---------------------------------------------------------------- publishing

/**
 * Publishes a confirmed, fully decided draft: the version is recorded (not yet in force) with its
 * job, which writes its areas county by county, puts it in force, and re-codes what changed. A retry
 * of the same call finds the version and returns it; the job resumes where it stopped.
 */
export async function publishDraft(
  ctx: ServiceContext,
  input: { draftId: string; confirm: true; reason?: string },
): Promise<{ version: RiskVersionSummary; job: RiskJobView }> {
  const staff = await actingStaff(ctx);
  const draft = await requireDraft(ctx, input.draftId);
  const versionId = versionIdFor(draft.date, draft.revision);
  const existing = await ctx.store.get('riskVersions', versionId);
  if (existing && existing.draftId === draft._id) {
    // A retry after a failure part-way: finish what the first call began, then carry on the job.
    const previous = existing.previousId ? await ctx.store.get('riskVersions', existing.previousId) : null;
    const allCounties = [...new Set([...existing.counties, ...(previous?.counties ?? [])])].sort();
    await startPublishJob(ctx, existing, allCounties, { id: staff._id, name: staff.name, role: staff.role });
    if (draft.status === 'draft') await ctx.store.update('riskDrafts', draft._id, { status: 'publishing', updatedAt: ctx.now.toISOString() });
    if (!(await ctx.store.count('auditLog', { action: 'risk.publish', target: `riskVersions/${versionId}` }))) await auditPublish(ctx, existing);
    else auditRetried(ctx);
    await runJob(ctx, existing.jobId, { budgetMs: JOB_BATCH.publishCallMs });
    return versionAndJob(ctx, versionId);
  }
  requireEditable(draft);
  checkListDate(ctx, draft.date);
  const view = await draftView(ctx, draft);
  if (view.blockers.length) throw badInput(`名单还不能发布：${view.blockers.join('；')}`, 'draftId');
  const running = await ctx.store.find('jobs', { where: { status: 'running' }, limit: 1 });
  if (running[0]) throw conflict(`${chineseDate(running[0].date)}名单的发布和重新赋码还在进行，请完成后再发布`, 'draftId');
  const { revision, supersedes } = await revisionFor(ctx, draft.date);
  if (revision !== draft.revision) throw conflict('该日期的名单已有更新的发布，请重新上传当日名单', 'draftId');
  const reason = input.reason?.trim();
  if (supersedes && (!reason || reason.length < 2)) throw badInput(`更正已发布的${chineseDate(draft.date)}名单，请写明更正原因`, 'reason');

  const c = await compareDraft(ctx, draft);
  const at = ctx.now.toISOString();
  const jobId = `job_publish_${versionId}`;
  const version: RiskVersionDoc = {
    _id: versionId,
    date: draft.date,
    revision: draft.revision,
    status: 'publishing',
    draftId: draft._id,
    counts: { areas: c.areas, kinds: c.kinds, low: draft.low, excluded: draft.rowsExcluded },
    counties: c.counties,
    cities: c.cities,
    confirmedCityCodes: c.confirmed,
    aliases: c.aliases,
    previousId: c.against?._id ?? null,
    previousDate: c.against?.date ?? null,
    diff: {
      added: c.added,
      removed: c.removed,
      changed: c.changed,
      counties: c.changedCounties.map((x) => x.code),
      cities: c.changedCities,
      citiesAdded: c.citiesAdded,
      citiesRemoved: c.citiesRemoved,
    },
    ...(supersedes ? { supersedes: supersedes._id, reason: reason! } : {}),
    publishedAt: at,
    publishedBy: staff._id,
    publishedByName: staff.name,
    jobId,
  };
  try {
    await ctx.store.insert('riskVersions', version);
  } catch (e) {
    if (e instanceof DuplicateKeyError) throw conflict(`${chineseDate(draft.date)}的名单刚刚已由他人发布，请刷新`, 'draftId');
    throw e;
  }
  await startPublishJob(ctx, version, c.allCounties, { id: staff._id, name: staff.name, role: staff.role });
  await ctx.store.update('riskDrafts', draft._id, { status: 'publishing', updatedAt: at });
  await auditPublish(ctx, version);
  await runJob(ctx, jobId, { budgetMs: JOB_BATCH.publishCallMs });
  return versionAndJob(ctx, versionId);
}

async function auditPublish(ctx: ServiceContext, v: RiskVersionDoc): Promise<void> {
  await auditDetail(ctx, {
    action: 'risk.publish',
    target: `riskVersions/${v._id}`,
    ...(v.supersedes ? { before: { version: v.supersedes } } : {}),
    after: { areas: v.counts.areas, added: v.diff.added, removed: v.diff.removed, changed: v.diff.changed, counties: v.diff.counties.length, cities: v.diff.cities.length, job: v.jobId },
    ...(v.reason ? { reason: v.reason } : {}),
  });
}

async function versionAndJob(ctx: ServiceContext, versionId: string): Promise<{ version: RiskVersionSummary; job: RiskJobView }> {
  const version = (await ctx.store.get('riskVersions', versionId))!;
  const job = (await ctx.store.get('jobs', version.jobId))!;
  return { version: summaryOf(ctx.divisions, version, job), job: jobView(job) };
}

export async function getJob(ctx: ServiceContext, versionId?: string): Promise<{ job: RiskJobView | null }> {
  let job: JobDoc | null;
  if (versionId) {
    const version = await ctx.store.get('riskVersions', versionId);
    if (!version) throw notFound('没有这个名单版本');
    job = await ctx.store.get('jobs', version.jobId);
  } else {
    [job = null] = await ctx.store.find('jobs', { orderBy: [['startedAt', 'desc']], limit: 1 });
  }
  return { job: job ? jobView(job) : null };
}

// ---------------------------------------------------------------- versions

function summaryOf(d: Divisions, v: RiskVersionDoc, job: JobDoc | null): RiskVersionSummary {
  return {
    versionId: v._id,
    date: v.date,
    revision: v.revision,
    status: v.status,
    areas: v.counts.areas,
    kinds: v.counts.kinds,
    counties: v.counties.length,
    confirmedCities: v.confirmedCityCodes.length,
    low: v.counts.low,
    excluded: v.counts.excluded,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy,
    publishedByName: v.publishedByName,
    previousId: v.previousId,
    previousDate: v.previousDate,
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.supersedes ? { supersedes: v.supersedes } : {}),
    ...(v.supersededBy ? { supersededBy: v.supersededBy } : {}),
    changes: {
      added: v.diff.added,
      removed: v.diff.removed,
      changed: v.diff.changed,
      counties: v.diff.counties.length,
      cities: v.diff.cities.length,
      citiesAdded: v.diff.citiesAdded.map((c) => placeOf(d, c)),
      citiesRemoved: v.diff.citiesRemoved.map((c) => placeOf(d, c)),
    },
    draftId: v.draftId,
    job: job ? jobView(job) : null,
  };
}

export async function listVersions(ctx: ServiceContext, input: { cursor?: string; limit?: number }): Promise<Page<RiskVersionSummary>> {
  const limit = pageOf(input.limit, 20, 50);
  // The cursor is the last version id shown: ids sort as date then revision (revisions below 10 000).
  const [docs, total] = await Promise.all([
    ctx.store.find('riskVersions', { where: input.cursor ? { _id: { $lt: input.cursor } } : {}, orderBy: [['_id', 'desc']], limit: limit + 1 }),
    ctx.store.count('riskVersions'),
  ]);
  const items = docs.slice(0, limit);
  const jobs = items.length ? await ctx.store.find('jobs', { where: { _id: { $in: items.map((v) => v.jobId) } } }) : [];
  const jobOf = new Map(jobs.map((j) => [j._id, j]));
  return {
    items: items.map((v) => summaryOf(ctx.divisions, v, jobOf.get(v.jobId) ?? null)),
    total,
    ...(docs.length > limit ? { nextCursor: items.at(-1)!._id } : {}),
  };
}

async function requireVersion(ctx: ServiceContext, versionId: string): Promise<RiskVersionDoc> {
  const version = await ctx.store.get('riskVersions', versionId);
  if (!version) throw notFound('没有这个名单版本');
  return version;
}

export async function getVersion(ctx: ServiceContext, versionId: string): Promise<{ version: RiskVersionSummary }> {
  const version = await requireVersion(ctx, versionId);
  return { version: summaryOf(ctx.divisions, version, await ctx.store.get('jobs', version.jobId)) };
}

/** Cursor over per-county documents: `<countyCode>:<index within it>`. */
function countyCursor(cursor: string | undefined): { county: string; index: number } {
  if (!cursor) return { county: '', index: 0 };
  const m = /^(\d{6}):(\d+)$/.exec(cursor);
  if (!m) throw badInput('翻页位置无效', 'cursor');
  return { county: m[1]!, index: Number(m[2]) };
}

/** Walks per-county documents in county order from a cursor, taking `limit` items. */
async function pageCounties<T, D extends { countyCode: string }>(
  load: (fromCounty: string, n: number) => Promise<D[]>,
  itemsOf: (doc: D) => T[],
  cursor: string | undefined,
  limit: number,
): Promise<{ items: T[]; nextCursor?: string }> {
  const at = countyCursor(cursor);
  const items: T[] = [];
  let from = at.county;
  let index = at.index;
  for (;;) {
    const docs = await load(from, 20);
    for (const doc of docs) {
      if (doc.countyCode < from) continue;
      const all = itemsOf(doc);
      const start = doc.countyCode === at.county ? index : 0;
      const take = all.slice(start, start + (limit - items.length));
      items.push(...take);
      if (items.length >= limit) {
        const next = start + take.length;
        return next < all.length ? { items, nextCursor: `${doc.countyCode}:${next}` } : { items, nextCursor: `${nextCounty(doc.countyCode)}:0` };
      }
    }
    if (docs.length < 20) return { items };
    from = nextCounty(docs.at(-1)!.countyCode);
    index = 0;
    at.county = from;
  }
}
/** The code right after a county code in sort order (codes are 6 digits). */
const nextCounty = (code: string) => String(Number(code) + 1).padStart(6, '0');

export async function versionAreas(ctx: ServiceContext, input: { versionId: string; countyCode?: string; cursor?: string; limit?: number }): Promise<Page<RiskAreaView>> {
  const version = await requireVersion(ctx, input.versionId);
  const limit = pageOf(input.limit, 100, 200);
  const d = ctx.divisions;
  if (input.countyCode) {
    const doc = await ctx.store.get('riskAreas', countyDocId(version._id, input.countyCode));
    const all = doc?.areas ?? [];
    const from = countyCursor(input.cursor).index;
    return { items: all.slice(from, from + limit).map((a) => areaView(d, a)), total: all.length, ...(from + limit < all.length ? { nextCursor: `${input.countyCode}:${from + limit}` } : {}) };
  }
  const page = await pageCounties(
    (from, n) => ctx.store.find('riskAreas', { where: { versionId: version._id, countyCode: { $gte: from } }, orderBy: [['countyCode', 'asc']], limit: n }),
    (doc) => doc.areas,
    input.cursor,
    limit,
  );
  return { items: page.items.map((a) => areaView(d, a)), total: version.counts.areas, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export async function versionDiff(ctx: ServiceContext, input: { versionId: string; cursor?: string; limit?: number }): Promise<Page<RiskAreaChangeView>> {
  const version = await requireVersion(ctx, input.versionId);
  const limit = pageOf(input.limit, 100, 200);
  const d = ctx.divisions;
  const page = await pageCounties(
    (from, n) => ctx.store.find('riskDiffs', { where: { versionId: version._id, countyCode: { $gte: from } }, orderBy: [['countyCode', 'asc']], limit: n }),
    (doc) => [
      ...doc.added.map((a) => ({ ...areaView(d, a), change: 'added' as const })),
      ...doc.removed.map((a) => ({ ...areaView(d, a), change: 'removed' as const })),
      ...doc.changed.map((a) => ({ ...areaView(d, a), change: 'changed' as const, fromKind: a.fromKind })),
    ],
    input.cursor,
    limit,
  );
  return { items: page.items, total: version.diff.added + version.diff.removed + version.diff.changed, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

// ---------------------------------------------------------------- quick query (三(三))

type Level = 'city' | 'county' | 'street';
type SearchEntry = { code: string; name: string; fullName: string; level: Level };
let searchIndex: SearchEntry[] | undefined;

/** Cities, counties and every street and town (municipalities' districts stand for cities too). */
function placesForSearch(d: Divisions): SearchEntry[] {
  if (searchIndex) return searchIndex;
  const out: SearchEntry[] = [];
  for (const p of d.children()) {
    const municipality = MUNICIPALITIES.includes(p.code);
    if (municipality) out.push({ code: `${p.code}00`, name: p.name, fullName: p.name, level: 'city' });
    for (const c of d.children(p.code)) {
      if (!municipality && !/直辖/.test(c.name) && c.name !== p.name) out.push({ code: c.code, name: c.name, fullName: c.fullName, level: 'city' });
      for (const k of d.children(c.code)) {
        out.push({ code: k.code, name: k.name, fullName: k.fullName, level: 'county' });
        for (const s of d.children(k.code)) out.push({ code: s.code, name: s.name, fullName: s.fullName, level: 'street' });
      }
    }
  }
  searchIndex = out;
  return out;
}

export async function searchPlaces(
  ctx: ServiceContext,
  input: { q: string; within?: string; levels?: Level[] },
): Promise<{ places: Array<PlaceView & { fullName: string; level: Level }> }> {
  const text = input.q.replace(/\s+/g, '');
  if (!text) return { places: [] };
  const d = ctx.divisions;
  const levels = new Set(input.levels?.length ? input.levels : ['city', 'county', 'street']);
  const inScope = (code: string) => !input.within || code.startsWith(input.within);
  const rank = (p: SearchEntry) => (p.name === text ? 0 : p.name.startsWith(text) ? 1 : 2);
  const levelRank: Record<Level, number> = { city: 0, county: 1, street: 2 };
  const hits = placesForSearch(d).filter((p) => levels.has(p.level) && inScope(p.code) && (p.name.includes(text) || p.fullName.includes(text)));
  hits.sort((a, b) => rank(a) - rank(b) || levelRank[a.level] - levelRank[b.level] || a.code.localeCompare(b.code));
  // Names the national list uses that are no GB/T county (长春新区), as the Bureau decided them.
  const inForce = levels.has('county') ? await riskListOn(ctx.store, localDate(ctx.now)) : null;
  const named = levels.has('county')
    ? [
        ...(inForce?.aliases ?? []).filter((a) => a.name.includes(text) && inScope(a.code)).map((a) => ({ code: a.code, name: a.name, fullName: `${a.fullName}（名单写法，即${d.fullName(a.code)}）`, level: 'county' as const })),
        ...(await ctx.store.find('riskMappings', { orderBy: [['_id', 'asc']], limit: 5_000 }))
          .filter((m) => m.code && m.code.length === 6 && m.county.includes(text) && inScope(m.code))
          .map((m) => ({ code: m.code!, name: m.county, fullName: `${m.province}${m.city}${m.county}（名单写法，即${d.fullName(m.code!)}）`, level: 'county' as const })),
      ]
    : [];
  const seen = new Set<string>();
  const places = [...named, ...hits].filter((p) => {
    const key = `${p.code}|${p.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { places: places.slice(0, 20).map(({ code, name, fullName, level }) => ({ code, name, fullName, level })) };
}

/** The listed areas of a street's county that name the street (酒仙桥街道二街坊), or its stem (酒仙桥). */

export async function queryPlace(ctx: ServiceContext, input: { code: string; date?: LocalDate; cursor?: string; limit?: number }): Promise<RiskQueryAnswer> {
  const { code } = input;
  const today = localDate(ctx.now);
  const asOf = input.date ?? today;
  if (!isLocalDate(asOf)) throw badInput('查询日期不是有效的日期', 'date');
  if (asOf > today) throw badInput('查询日期不能晚于今天', 'date');
  const d = ctx.divisions;
  const municipality = MUNICIPALITIES.includes(provinceOf(code));
  const level: Level = code.length === 4 ? 'city' : code.length === 6 ? 'county' : 'street';
  const known = level === 'city' && municipality ? d.has(provinceOf(code)) : d.has(code);
  if (!known) throw badInput('没有这个城市、区县或街道，请从搜索结果中选择', 'code');
  const fullName = level === 'city' ? cityName(d, municipality ? `${provinceOf(code)}00` : code) : d.fullName(code);

  const version = await riskListOn(ctx.store, asOf);
  const policyCity = municipality ? `${provinceOf(code)}00` : cityOf(code.slice(0, 6).padEnd(6, '0'));
  const inCity = (county: string) => (municipality ? provinceOf(county) === provinceOf(code) : county.startsWith(code));
  const counties = !version ? [] : level === 'city' ? version.counties.filter(inCity) : version.counties.includes(countyOf(code)) ? [countyOf(code)] : [];
  const snapshot: VersionSnapshot | null = await snapshotFor(ctx.store, version, counties);
  let areas = counties.flatMap((c) => snapshot?.areasOf(c) ?? []);
  if (level === 'street') areas = streetAreas(areas, d.get(code)!.name);
  const kinds = ZERO_KINDS();
  for (const a of areas) kinds[kindOf(a)]++;
  const confirmedCity = level === 'city' ? (snapshot ? snapshot.caseCities.has(policyCity) : false) : null;
  const counted = (Object.keys(kinds) as RiskAreaKind[]).filter((k) => kinds[k]).map((k) => `${KIND_LABELS[k]}${kinds[k]}个`);
  const ofList = version ? `（${chineseDate(version.date)}名单）` : '';
  const summary = !version
    ? `${chineseDate(asOf)}前尚未发布风险区域名单`
    : areas.length
      ? `${fullName}有${counted.join('、')}${ofList}`
      : `${fullName}没有中高风险区域${confirmedCity ? '，但属于有确诊病例的城市' : ''}${ofList}`;
  const limit = pageOf(input.limit, 100, 200);
  const from = Number(input.cursor ?? 0);
  if (!Number.isInteger(from) || from < 0) throw badInput('翻页位置无效', 'cursor');
  return {
    asOf,
    listDate: version?.date ?? null,
    place: { code, fullName, level },
    hasRisk: areas.length > 0,
    confirmedCity,
    kinds,
    areas: {
      items: areas.slice(from, from + limit).map((a) => areaView(d, a)),
      total: areas.length,
      ...(from + limit < areas.length ? { nextCursor: String(from + limit) } : {}),
    },
    summary,
  };
}
