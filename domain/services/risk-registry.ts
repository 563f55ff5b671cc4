// The risk-area registry (三(三)): a day's national list is uploaded as a draft, every row resolved to
// a county (by name, by a mapping remembered from an earlier day, or by hand) or excluded with a reason,
// then published as an immutable dated version with its difference from the previous one — which
// re-codes the recent arrivals it affects (./recode.ts). Staff query it by city, county or street.
import { createHash } from 'node:crypto';
import type { LocalDate, RiskAreaKind } from '../../types/model';
import type {
  PlaceView,
  RiskAreaView,
  RiskDiffView,
  RiskDraftView,
  RiskQueryAnswer,
  RiskVersionSummary,
  RiskVersionView,
  RecodeSummary,
} from '../../types/api/risk';
import type { Divisions } from '../divisions';
import { MUNICIPALITIES, cityOf, countyOf, provinceOf } from '../divisions/codes';
import { badInput, conflict, notFound } from '../errors';
import { FileNotFoundError, FileTooLargeError } from '../files/port';
import { audit } from '../staff/audit';
import { requireStaff } from '../staff/authorize';
import type {
  RiskAreaDoc,
  RiskDraftCity,
  RiskDraftDoc,
  RiskDraftRow,
  RiskListDiffDoc,
  RiskListDoc,
  RiskMappingDoc,
} from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import { chineseDate, isLocalDate, localDate } from '../time';
import type { ServiceContext } from './context';
import { recodeAfterPublish } from './recode';
import { importList, KIND_LABELS, LEVEL_OF_KIND, MAX_LIST_BYTES, parseCityLines } from './risk-import';
import { riskListOn } from './risk-list';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
/** Stable across days while the area's text is the same (the seed list uses the same rule). */
export const areaIdFor = (countyCode: string, area: string) => `${countyCode}-${sha1(area).slice(0, 8)}`;
const squash = (s: string) => s.replace(/\s+/g, '');
export const mappingIdFor = (province: string, city: string, county: string) =>
  `m_${sha1([province, city, county].map(squash).join('|')).slice(0, 24)}`;
export const kindOf = (a: Pick<RiskAreaDoc, 'kind' | 'level'>): RiskAreaKind => a.kind ?? a.level;
const MUNICIPALITY_NAMES = new Set(['北京市', '天津市', '上海市', '重庆市']);
const ZERO_KINDS = (): Record<RiskAreaKind, number> => ({ high: 0, medium: 0, sealed: 0, controlled: 0 });

// ---------------------------------------------------------------- name resolution

function provinceNamed(d: Divisions, name: string) {
  return d.children().find((p) => p.name === name) ?? null;
}

/** The division city rows a list's city name may mean (a municipality's city is the municipality). */
function citiesNamed(d: Divisions, province: string, city: string) {
  const p = provinceNamed(d, province);
  if (!p) return [];
  const rows = d.children(p.code);
  return MUNICIPALITIES.includes(p.code) ? (city === p.name ? rows : []) : rows.filter((c) => c.name === city);
}

const prefixed = (street: string, area: string) => (street && !area.startsWith(street) ? `${street}${area}` : area);

/** Resolves a row by the names alone; a remembered mapping comes first. Never guesses. */
export function resolveRow(
  d: Divisions,
  mappings: Map<string, string>,
  r: Pick<RiskDraftRow, 'province' | 'city' | 'county' | 'area'>,
): Pick<RiskDraftRow, 'countyCode' | 'how' | 'areaText' | 'suggestions'> {
  const mapped = mappings.get(mappingIdFor(r.province, r.city, r.county));
  if (mapped) return { countyCode: mapped, how: 'mapping', areaText: r.area };
  const exact = r.county ? d.resolveCounty(r.province, r.city, r.county) : null;
  if (exact) return { countyCode: exact, how: 'exact', areaText: r.area };
  // A municipality written with the district as the city (北京市 / 朝阳区 / 酒仙桥街道): the street moves into the area.
  if (MUNICIPALITY_NAMES.has(r.province) && r.city !== r.province) {
    const district = d.resolveCounty(r.province, r.province, r.city);
    if (district) return { countyCode: district, how: 'municipality', areaText: prefixed(r.county, r.area) };
  }
  // A city with no county level (东莞市, 中山市): its one county-level row carries the city's own name.
  const [city] = citiesNamed(d, r.province, r.city);
  if (city) {
    const kids = d.children(city.code);
    if (kids.length === 1 && kids[0]!.name === r.city && (!r.county || r.county === r.city || !d.resolveCounty(r.province, r.city, r.county))) {
      return { countyCode: kids[0]!.code, how: 'no-county-city', areaText: prefixed(r.county === r.city ? '' : r.county, r.area) };
    }
  }
  return { suggestions: suggestionsFor(d, r) };
}

function countiesOfCity(d: Divisions, province: string, city: string): PlaceView[] {
  return citiesNamed(d, province, city)
    .flatMap((c) => d.children(c.code))
    .map((k) => ({ code: k.code, name: k.name }));
}

/** Counties of the row's city whose names contain the row's (e.g. 净月区 → 长春净月高新技术产业开发区), for the staff to pick from. */
function suggestionsFor(d: Divisions, r: Pick<RiskDraftRow, 'province' | 'city' | 'county'>): string[] {
  const stem = r.county
    .replace(/(新区|开发区|区|县|市)$/, '')
    .replace('经开', '经济技术开发')
    .replace('高新', '高新技术');
  if (stem.length < 2) return [];
  return countiesOfCity(d, r.province, r.city)
    .filter((k) => k.name.includes(stem))
    .map((k) => k.code)
    .slice(0, 6);
}

function resolveCity(d: Divisions, mappings: Map<string, string>, c: Pick<RiskDraftCity, 'province' | 'city'>): Pick<RiskDraftCity, 'cityCode' | 'how'> {
  const mapped = mappings.get(mappingIdFor(c.province, c.city, ''));
  if (mapped) return { cityCode: mapped, how: 'mapping' };
  const rows = citiesNamed(d, c.province, c.city);
  if (rows.length) return { cityCode: cityOf(rows[0]!.code), how: 'exact' };
  // A municipality's district written as the city: the municipality is the city.
  if (MUNICIPALITY_NAMES.has(c.province)) {
    const p = provinceNamed(d, c.province)!;
    if (d.children(p.code).some((x) => d.children(x.code).some((k) => k.name === c.city))) return { cityCode: `${p.code}00`, how: 'exact' };
  }
  return {};
}

async function loadMappings(ctx: ServiceContext): Promise<Map<string, string>> {
  const docs = await ctx.store.find('riskMappings', { orderBy: [['_id', 'asc']] });
  return new Map(docs.map((m) => [m._id, m.code]));
}

// ---------------------------------------------------------------- views

export function areaView(d: Divisions, a: RiskAreaDoc): RiskAreaView {
  return { id: a.id, kind: kindOf(a), level: a.level, area: a.area, countyCode: a.countyCode, county: d.fullName(a.countyCode), cityCode: a.cityCode };
}

const placeOf = (d: Divisions, code: string): PlaceView => ({ code, name: cityName(d, code) });
/** Name of a policy city code (a municipality is `1100`). */
function cityName(d: Divisions, code: string): string {
  return code.endsWith('00') ? (d.get(provinceOf(code))?.name ?? code) : d.fullName(code);
}

/** What changes from `before` to the new areas: areas added, removed, changed kind; counties and cities to re-code. */
export function diffLists(before: RiskListDoc | null, areas: RiskAreaDoc[], confirmed: string[]): RiskListDiffDoc {
  const old = new Map((before?.areas ?? []).map((a) => [a.id, a] as const));
  const now = new Map(areas.map((a) => [a.id, a] as const));
  const added = areas.filter((a) => !old.has(a.id));
  const removed = (before?.areas ?? []).filter((a) => !now.has(a.id));
  const changed = areas
    .filter((a) => old.has(a.id) && kindOf(old.get(a.id)!) !== kindOf(a))
    .map((a) => ({ ...a, fromKind: kindOf(old.get(a.id)!) }));
  const counties = [...new Set([...added, ...removed, ...changed].map((a) => a.countyCode))].sort();
  const casesBefore = new Set([...(before?.confirmedCityCodes ?? []), ...(before?.areas ?? []).map((a) => a.cityCode)]);
  const casesAfter = new Set([...confirmed, ...areas.map((a) => a.cityCode)]);
  const cities = [...new Set([...casesBefore, ...casesAfter])].filter((c) => casesBefore.has(c) !== casesAfter.has(c)).sort();
  const confirmedBefore = new Set(before?.confirmedCityCodes ?? []);
  return {
    from: before?.date ?? null,
    added,
    removed,
    changed,
    citiesAdded: confirmed.filter((c) => !confirmedBefore.has(c)),
    citiesRemoved: [...confirmedBefore].filter((c) => !confirmed.includes(c)),
    counties,
    cities,
  };
}

function diffView(d: Divisions, to: LocalDate, diff: RiskListDiffDoc): RiskDiffView {
  return {
    from: diff.from,
    to,
    added: diff.added.map((a) => areaView(d, a)),
    removed: diff.removed.map((a) => areaView(d, a)),
    changed: diff.changed.map((a) => ({ ...areaView(d, a), fromKind: a.fromKind })),
    citiesAdded: diff.citiesAdded.map((c) => placeOf(d, c)),
    citiesRemoved: diff.citiesRemoved.map((c) => placeOf(d, c)),
    counties: diff.counties.length,
    cities: diff.cities.length,
  };
}

/** The areas a draft would publish, and why it cannot be published yet. */
function draftAreas(draft: RiskDraftDoc): { areas: RiskAreaDoc[]; confirmed: string[]; blockers: string[] } {
  const blockers: string[] = [];
  const open = draft.rows.filter((r) => !r.countyCode && !r.excluded);
  if (open.length) {
    const shown = open.slice(0, 5).map((r) => `第${r.row}行 ${r.province}${r.city}${r.county}`).join('、');
    blockers.push(`还有${open.length}行未对应到区县（${shown}${open.length > 5 ? '等' : ''}）：请逐行选择对应的区县，或注明原因排除`);
  }
  const openCities = draft.cities.filter((c) => !c.cityCode && !c.excluded);
  if (openCities.length) {
    blockers.push(`还有${openCities.length}个有确诊病例的城市未对应（${openCities.slice(0, 5).map((c) => `${c.province}${c.city}`).join('、')}）`);
  }
  const byId = new Map<string, RiskDraftRow>();
  const areas: RiskAreaDoc[] = [];
  for (const r of draft.rows) {
    if (!r.countyCode || r.excluded) continue;
    const area = r.areaText ?? r.area;
    const id = areaIdFor(r.countyCode, area);
    const first = byId.get(id);
    if (first) {
      blockers.push(`第${r.row}行与第${first.row}行对应到同一区县的同一区域（${area}），请排除其中一行`);
      continue;
    }
    byId.set(id, r);
    areas.push({
      id,
      level: r.level,
      kind: r.kind,
      province: r.province,
      city: r.city,
      county: r.county,
      area,
      countyCode: r.countyCode,
      cityCode: cityOf(r.countyCode),
    });
  }
  if (!areas.length) blockers.push('没有任何可发布的风险区域');
  const confirmed = [...new Set(draft.cities.filter((c) => c.cityCode && !c.excluded).map((c) => c.cityCode!))];
  return { areas, confirmed, blockers };
}

async function newestList(ctx: ServiceContext): Promise<RiskListDoc | null> {
  const [list] = await ctx.store.find('riskLists', { orderBy: [['date', 'desc']], limit: 1 });
  return list ?? null;
}

async function draftView(ctx: ServiceContext, draft: RiskDraftDoc): Promise<RiskDraftView> {
  const d = ctx.divisions;
  const { areas, confirmed, blockers } = draftAreas(draft);
  const before = await riskListBefore(ctx, draft.date);
  if (draft.status === 'published') blockers.unshift('该日期的名单已发布');
  const named = (code: string | undefined) => (code ? d.fullName(code) : undefined);
  return {
    date: draft.date,
    status: draft.status,
    format: draft.format,
    ...(draft.fileName ? { fileName: draft.fileName } : {}),
    uploadedAt: draft.uploadedAt,
    rows: draft.rows.map((r) => ({
      row: r.row,
      kind: r.kind,
      province: r.province,
      city: r.city,
      county: r.county,
      area: r.area,
      ...(r.countyCode ? { countyCode: r.countyCode, countyName: named(r.countyCode)!, how: r.how!, areaText: r.areaText ?? r.area } : {}),
      ...(r.excluded ? { excluded: { reason: r.excluded.reason } } : {}),
      suggestions: r.countyCode ? [] : (r.suggestions ?? []).map((code) => ({ code, name: d.fullName(code) })),
      pickFrom: r.countyCode ? [] : countiesOfCity(d, r.province, r.city),
    })),
    cities: draft.cities.map((c) => ({
      row: c.row,
      province: c.province,
      city: c.city,
      ...(c.cityCode ? { cityCode: c.cityCode, cityName: cityName(d, c.cityCode), how: c.how! } : {}),
      ...(c.excluded ? { excluded: { reason: c.excluded.reason } } : {}),
      pickFrom: c.cityCode ? [] : (provinceNamed(d, c.province) ? d.children(provinceNamed(d, c.province)!.code).map((x) => ({ code: x.code, name: x.name })) : []),
    })),
    counts: {
      rows: draft.rows.length,
      resolved: draft.rows.filter((r) => r.countyCode && !r.excluded).length,
      mapped: draft.rows.filter((r) => r.how === 'mapping' && !r.excluded).length,
      excluded: draft.rows.filter((r) => r.excluded).length,
      unresolved: draft.rows.filter((r) => !r.countyCode && !r.excluded).length + draft.cities.filter((c) => !c.cityCode && !c.excluded).length,
      cities: draft.cities.length,
    },
    diff: diffView(d, draft.date, diffLists(before, areas, confirmed)),
    blockers,
  };
}

async function riskListBefore(ctx: ServiceContext, date: LocalDate): Promise<RiskListDoc | null> {
  const [list] = await ctx.store.find('riskLists', { where: { date: { $lt: date } }, orderBy: [['date', 'desc']], limit: 1 });
  return list ?? null;
}

// ---------------------------------------------------------------- the Bureau's actions

function checkListDate(ctx: ServiceContext, date: LocalDate): void {
  if (!isLocalDate(date)) throw badInput('名单日期不是有效的日期', 'date');
  if (date > localDate(ctx.now)) throw badInput(`名单日期${chineseDate(date)}晚于今天，不能发布未来的名单`, 'date');
}

export interface UploadInput {
  date: LocalDate;
  fileId: string;
  fileName?: string;
  confirmedCities?: string[];
}

export async function uploadDraft(ctx: ServiceContext, input: UploadInput): Promise<{ draft: RiskDraftView }> {
  const staff = await requireStaff(ctx, 'risk.publish');
  checkListDate(ctx, input.date);
  const published = await ctx.store.get('riskLists', input.date);
  if (published) throw conflict(`${chineseDate(input.date)}的名单已发布，已发布的名单不能修改`, 'date');
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

  const mappings = await loadMappings(ctx);
  const d = ctx.divisions;
  const at = ctx.now.toISOString();
  const draft: RiskDraftDoc = {
    _id: input.date,
    date: input.date,
    status: 'draft',
    format: imported.format,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    rows: imported.rows.map((r) => ({ ...r, ...resolveRow(d, mappings, r) })),
    cities: cityRows.map((c) => ({ ...c, ...resolveCity(d, mappings, c) })),
    uploadedBy: staff._id,
    uploadedAt: at,
    updatedAt: at,
  };
  await ctx.store.put('riskDrafts', draft);
  const view = await draftView(ctx, draft);
  await audit(ctx, staff, {
    action: 'risk.upload',
    target: `riskDrafts/${input.date}`,
    after: { format: draft.format, rows: draft.rows.length, cities: draft.cities.length, unresolved: view.counts.unresolved },
  });
  return { draft: view };
}

async function requireDraft(ctx: ServiceContext, date: LocalDate): Promise<RiskDraftDoc> {
  const draft = await ctx.store.get('riskDrafts', date);
  if (!draft) throw notFound(`没有${chineseDate(date)}的待发布名单，请先上传`);
  return draft;
}

export async function getDraft(ctx: ServiceContext, date: LocalDate): Promise<{ draft: RiskDraftView }> {
  await requireStaff(ctx, 'risk.publish');
  return { draft: await draftView(ctx, await requireDraft(ctx, date)) };
}

function draftEntry<T extends { row: number }>(entries: T[], row: number, list: 'areas' | 'cities'): T {
  const entry = entries.find((e) => e.row === row);
  if (!entry) throw badInput(`${list === 'areas' ? '名单' : '有确诊病例的城市'}中没有第${row}行`, 'row');
  return entry;
}

/** Maps a row's names to a division by hand; remembered, and applied to every row with the same names. */
export async function resolveDraftRow(
  ctx: ServiceContext,
  input: { date: LocalDate; list: 'areas' | 'cities'; row: number; code: string },
): Promise<{ draft: RiskDraftView }> {
  const staff = await requireStaff(ctx, 'risk.publish');
  const draft = await requireDraft(ctx, input.date);
  if (draft.status === 'published') throw conflict('该日期的名单已发布，不能再修改');
  const d = ctx.divisions;
  const entry = input.list === 'areas' ? draftEntry(draft.rows, input.row, 'areas') : draftEntry(draft.cities, input.row, 'cities');
  const wantLevel = input.list === 'areas' ? 3 : 2;
  const division = d.get(input.code);
  if (!division || division.level !== wantLevel) {
    throw badInput(input.list === 'areas' ? '请选择一个区县（6位区划代码）' : '请选择一个城市（4位区划代码）', 'code');
  }
  const province = provinceNamed(d, entry.province);
  if (province && provinceOf(input.code) !== province.code) {
    throw badInput(`所选的${division.fullName}不在该行的${entry.province}内`, 'code');
  }
  const county = input.list === 'areas' ? (entry as RiskDraftRow).county : '';
  const code = input.list === 'areas' ? input.code : cityOf(input.code);
  const mapping: RiskMappingDoc = {
    _id: mappingIdFor(entry.province, entry.city, county),
    province: entry.province,
    city: entry.city,
    county,
    code,
    by: staff._id,
    at: ctx.now.toISOString(),
  };
  await ctx.store.put('riskMappings', mapping);
  const same = (e: { province: string; city: string }, c = '') => mappingIdFor(e.province, e.city, c) === mapping._id;
  if (input.list === 'areas') {
    draft.rows = draft.rows.map((r) => {
      if (!same(r, r.county)) return r;
      const { excluded: _e, suggestions: _s, ...rest } = r;
      return { ...rest, countyCode: code, how: 'mapping', areaText: r.area };
    });
  } else {
    draft.cities = draft.cities.map((c) => {
      if (!same(c)) return c;
      const { excluded: _e, ...rest } = c;
      return { ...rest, cityCode: code, how: 'mapping' };
    });
  }
  draft.updatedAt = ctx.now.toISOString();
  await ctx.store.put('riskDrafts', draft);
  await audit(ctx, staff, {
    action: 'risk.map',
    target: `riskMappings/${mapping._id}`,
    after: { province: entry.province, city: entry.city, county, code, name: d.fullName(code.length === 4 && code.endsWith('00') ? code.slice(0, 2) : code) },
  });
  return { draft: await draftView(ctx, draft) };
}

export async function excludeDraftRow(
  ctx: ServiceContext,
  input: { date: LocalDate; list: 'areas' | 'cities'; row: number; reason: string },
): Promise<{ draft: RiskDraftView }> {
  const staff = await requireStaff(ctx, 'risk.publish');
  const draft = await requireDraft(ctx, input.date);
  if (draft.status === 'published') throw conflict('该日期的名单已发布，不能再修改');
  const reason = input.reason.trim();
  if (reason.length < 2) throw badInput('请写明排除的原因', 'reason');
  const excluded = { reason, by: staff._id, at: ctx.now.toISOString() };
  if (input.list === 'areas') {
    draftEntry(draft.rows, input.row, 'areas');
    draft.rows = draft.rows.map((r) => (r.row === input.row ? { ...r, excluded } : r));
  } else {
    draftEntry(draft.cities, input.row, 'cities');
    draft.cities = draft.cities.map((c) => (c.row === input.row ? { ...c, excluded } : c));
  }
  draft.updatedAt = excluded.at;
  await ctx.store.put('riskDrafts', draft);
  await audit(ctx, staff, { action: 'risk.exclude', target: `riskDrafts/${input.date}#${input.list}:${input.row}`, reason });
  return { draft: await draftView(ctx, draft) };
}

/**
 * Publishes a fully resolved draft as that day's immutable list, then re-codes the arrivals it
 * affects. A retry after a failure part-way resumes the re-coding (its writes are idempotent).
 */
export async function publishDraft(ctx: ServiceContext, date: LocalDate): Promise<{ version: RiskVersionSummary; recode: RecodeSummary }> {
  const staff = await requireStaff(ctx, 'risk.publish');
  checkListDate(ctx, date);
  const draft = await requireDraft(ctx, date);
  let list = await ctx.store.get('riskLists', date);
  if (list && (list.recode || !list.diff)) {
    throw conflict(`${chineseDate(date)}的名单已于${list.publishedAt.slice(0, 10)}发布，已发布的名单不能修改`, 'date');
  }
  if (!list) {
    const newest = await newestList(ctx);
    if (newest && newest.date >= date) throw conflict(`已发布${chineseDate(newest.date)}的名单，只能发布更晚日期的名单`, 'date');
    const { areas, confirmed, blockers } = draftAreas(draft);
    if (blockers.length) throw badInput(`名单还不能发布：${blockers.join('；')}`, 'date');
    list = {
      _id: date,
      date,
      areas,
      confirmedCityCodes: confirmed,
      publishedAt: ctx.now.toISOString(),
      publishedBy: staff._id,
      publishedByName: staff.name,
      previousDate: newest?.date ?? null,
      diff: diffLists(newest, areas, confirmed),
      excluded: [
        ...draft.rows
          .filter((r) => r.excluded)
          .map((r) => ({ row: r.row, province: r.province, city: r.city, county: r.county, area: r.area, reason: r.excluded!.reason })),
        ...draft.cities
          .filter((c) => c.excluded)
          .map((c) => ({ row: c.row, province: c.province, city: c.city, county: '', area: '（有确诊病例的城市）', reason: c.excluded!.reason })),
      ],
    };
    try {
      await ctx.store.insert('riskLists', list);
    } catch (e) {
      if (e instanceof DuplicateKeyError) throw conflict(`${chineseDate(date)}的名单已发布，已发布的名单不能修改`, 'date');
      throw e;
    }
    await audit(ctx, staff, {
      action: 'risk.publish',
      target: `riskLists/${date}`,
      after: { areas: areas.length, confirmedCities: confirmed.length, added: list.diff!.added.length, removed: list.diff!.removed.length, changed: list.diff!.changed.length },
    });
  }
  const previous = list.previousDate ? await ctx.store.get('riskLists', list.previousDate) : null;
  const recode = await recodeAfterPublish(ctx, staff, previous, list, list.diff!);
  await ctx.store.update('riskLists', date, { recode: { ...recode, finishedAt: ctx.now.toISOString() } });
  await ctx.store.update('riskDrafts', date, { status: 'published', updatedAt: ctx.now.toISOString() });
  return { version: summaryOf({ ...list, recode: { ...recode, finishedAt: ctx.now.toISOString() } }), recode };
}

function summaryOf(list: RiskListDoc): RiskVersionSummary {
  const kinds = ZERO_KINDS();
  for (const a of list.areas) kinds[kindOf(a)]++;
  const { finishedAt: _f, ...recode } = list.recode ?? { finishedAt: '' };
  return {
    date: list.date,
    areas: list.areas.length,
    kinds,
    confirmedCities: list.confirmedCityCodes.length,
    publishedAt: list.publishedAt,
    publishedBy: list.publishedBy,
    publishedByName: list.publishedByName ?? list.publishedBy,
    previousDate: list.previousDate ?? null,
    changes: list.diff ? { added: list.diff.added.length, removed: list.diff.removed.length, changed: list.diff.changed.length } : null,
    recode: list.recode ? (recode as RecodeSummary) : null,
  };
}

export async function listVersions(ctx: ServiceContext): Promise<{ versions: RiskVersionSummary[] }> {
  await requireStaff(ctx, 'risk.query');
  const lists = await ctx.store.find('riskLists', { orderBy: [['date', 'desc']], limit: 60 });
  return { versions: lists.map(summaryOf) };
}

export async function getVersion(ctx: ServiceContext, date: LocalDate): Promise<{ version: RiskVersionView }> {
  await requireStaff(ctx, 'risk.query');
  const list = await ctx.store.get('riskLists', date);
  if (!list) throw notFound(`没有${chineseDate(date)}发布的名单`);
  const d = ctx.divisions;
  const diff = list.diff ?? diffLists(await riskListBefore(ctx, date), list.areas, list.confirmedCityCodes);
  return {
    version: {
      ...summaryOf(list),
      list: list.areas.map((a) => areaView(d, a)),
      confirmedCityList: list.confirmedCityCodes.map((c) => placeOf(d, c)),
      excluded: list.excluded ?? [],
      diff: diffView(d, date, diff),
    },
  };
}

// ---------------------------------------------------------------- quick query (三(三))

type Level = 'city' | 'county' | 'street';
type SearchEntry = { code: string; name: string; fullName: string; level: Level };
let searchIndex: SearchEntry[] | undefined;

/** Cities, counties, and the streets of municipalities (whose districts stand for cities). */
function placesForSearch(d: Divisions): SearchEntry[] {
  if (searchIndex) return searchIndex;
  const out: SearchEntry[] = [];
  for (const p of d.children()) {
    const municipality = MUNICIPALITIES.includes(p.code);
    if (municipality) out.push({ code: `${p.code}00`, name: p.name, fullName: p.name, level: 'city' });
    for (const c of d.children(p.code)) {
      if (!municipality) out.push({ code: c.code, name: c.name, fullName: c.fullName, level: 'city' });
      for (const k of d.children(c.code)) {
        out.push({ code: k.code, name: k.name, fullName: k.fullName, level: 'county' });
        if (municipality) for (const s of d.children(k.code)) out.push({ code: s.code, name: s.name, fullName: s.fullName, level: 'street' });
      }
    }
  }
  searchIndex = out;
  return out;
}

export async function searchPlaces(ctx: ServiceContext, q: string): Promise<RiskOutputsSearch> {
  await requireStaff(ctx, 'risk.query');
  const text = squash(q);
  if (!text) return { places: [] };
  const all = placesForSearch(ctx.divisions);
  const rank = (p: SearchEntry) => (p.name === text ? 0 : p.name.startsWith(text) ? 1 : 2);
  const hits = all.filter((p) => p.fullName.includes(text) || p.name.includes(text));
  hits.sort((a, b) => rank(a) - rank(b) || a.code.length - b.code.length || a.code.localeCompare(b.code));
  return { places: hits.slice(0, 20).map(({ code, name, fullName, level }) => ({ code, name, fullName, level })) };
}
type RiskOutputsSearch = { places: Array<PlaceView & { fullName: string; level: Level }> };

export async function queryPlace(ctx: ServiceContext, code: string, date?: LocalDate): Promise<RiskQueryAnswer> {
  await requireStaff(ctx, 'risk.query');
  const today = localDate(ctx.now);
  const asOf = date ?? today;
  if (!isLocalDate(asOf)) throw badInput('查询日期不是有效的日期', 'date');
  if (asOf > today) throw badInput('查询日期不能晚于今天', 'date');
  const d = ctx.divisions;
  const municipality = MUNICIPALITIES.includes(provinceOf(code));
  const level: Level = code.length === 4 ? 'city' : code.length === 6 ? 'county' : 'street';
  const known = level === 'city' && municipality ? d.has(provinceOf(code)) : d.has(code);
  if (!known) throw badInput('没有这个城市、区县或街道，请从搜索结果中选择', 'code');
  const fullName = level === 'city' ? cityName(d, municipality ? `${provinceOf(code)}00` : code) : d.fullName(code);

  const list = await riskListOn(ctx.store, asOf);
  const street = level === 'street' ? d.get(code)!.name : '';
  const areas = (list?.areas ?? []).filter((a) => {
    if (level === 'city') return municipality ? provinceOf(a.countyCode) === provinceOf(code) : a.countyCode.startsWith(code);
    if (level === 'county') return a.countyCode === code;
    // A street or town: the areas of its county whose text names it (酒仙桥街道二街坊).
    return a.countyCode === countyOf(code) && (a.area.includes(street) || a.area.includes(street.replace(/(街道|镇|乡)$/, '')));
  });
  const kinds = ZERO_KINDS();
  for (const a of areas) kinds[kindOf(a)]++;
  const policyCity = municipality ? `${provinceOf(code)}00` : cityOf(code.slice(0, 6).padEnd(6, '0'));
  const confirmedCity =
    level === 'city' && list ? list.confirmedCityCodes.includes(policyCity) || list.areas.some((a) => a.cityCode === policyCity) : level === 'city' ? false : null;
  const counted = (Object.keys(kinds) as RiskAreaKind[]).filter((k) => kinds[k]).map((k) => `${KIND_LABELS[k]}${kinds[k]}个`);
  const ofList = list ? `（${chineseDate(list.date)}名单）` : '';
  const summary = !list
    ? `${chineseDate(asOf)}前尚未发布风险区域名单`
    : areas.length
      ? `${fullName}有${counted.join('、')}${ofList}`
      : `${fullName}没有中高风险区域${confirmedCity ? '，但属于有确诊病例的城市' : ''}${ofList}`;
  return {
    asOf,
    listDate: list?.date ?? null,
    place: { code, fullName, level },
    hasRisk: areas.length > 0,
    confirmedCity,
    kinds,
    areas: areas.map((a) => areaView(d, a)),
    summary,
  };
}

export { LEVEL_OF_KIND };
