// Name resolution for the national list: which GB/T 2260 county a row's names (province, city,
// county) mean. Rows are grouped by name, so one decision covers every row of a name; the rules
// below resolve the names the national list writes in its own ways, and never guess: a name none of
// them resolves waits for the Bureau, whose decision (a county, or exclusion) is remembered.
import { createHash } from 'node:crypto';
import type { Divisions } from '../divisions';
import { MUNICIPALITIES, cityOf } from '../divisions/codes';
import { badInput } from '../errors';
import type { RiskDraftCity, RiskDraftRow, RiskMappingDoc, RiskResolution } from '../store/collections';
import type { ImportedRow } from './risk-import';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
const squash = (s: string) => s.replace(/\s+/g, '');

/** Stable across days while the area's text is the same (the seed list uses the same rule). */
export const areaIdFor = (countyCode: string, area: string) => `${countyCode}-${sha1(area).slice(0, 8)}`;

/** The id of a name (and of the decision remembered for it). Without a part it is the id earlier days used. */
export const nameIdFor = (province: string, city: string, county: string, part?: string) =>
  `m_${sha1([province, city, county, ...(part ? [part] : [])].map(squash).join('|')).slice(0, 24)}`;

const MUNICIPALITY_NAMES = new Set(['北京市', '天津市', '上海市', '重庆市']);
/** How the list writes a province's directly administered counties (海南's 万宁市, 湖北's 仙桃市, 河南's 济源市). */
const PROVINCE_RUN = /^(省|自治区)直辖县级行政(单位|区划)$/;
const BINGTUAN = '新疆生产建设兵团';

/**
 * Decision (2022 practice, 师市合一): a 兵团 division's areas are coded to the county-level city the
 * division administers together with it. The 11th and 12th divisions have no such city and wait for
 * the Bureau, like any name no rule resolves.
 */
const BINGTUAN_CITIES: Record<string, string> = {
  第一师: '阿拉尔市',
  第二师: '铁门关市',
  第三师: '图木舒克市',
  第四师: '可克达拉市',
  第五师: '双河市',
  第六师: '五家渠市',
  第七师: '胡杨河市',
  第八师: '石河子市',
  第九师: '白杨市',
  第十师: '北屯市',
  第十三师: '新星市',
  第十四师: '昆玉市',
};
const BINGTUAN_CITY_CODE = '6590';

/** Most areas a single name may hold, and their text: 5.7 times the largest real county (871 areas, 41 KB on 2022-12-01), so a group stays far below a document's 16 MB. */
export const MAX_GROUP_ROWS = 5_000;
export const MAX_GROUP_TEXT = 4 * 1024 * 1024;

export interface NameGroup {
  nameId: string;
  province: string;
  city: string;
  county: string;
  part?: string;
  rows: ImportedRow[];
}

const isBingtuan = (r: Pick<ImportedRow, 'province' | 'city' | 'county'>) =>
  r.province === BINGTUAN || r.city === BINGTUAN || r.county === BINGTUAN;

/** The 兵团 division an area names first (第八师石河子市…), which decides its county. */
export function bingtuanPart(area: string): string | undefined {
  return /^(第[一二三四五六七八九十]{1,3}师)/.exec(squash(area))?.[1];
}

/**
 * Groups the rows by name, in the file's order of first appearance. A name no rule resolves (a
 * development zone without a GB/T 2260 code, 郑东新区) is split by the streets its areas name: rows
 * that name a street (or town) of exactly one county of the city form a part of their own, coded to
 * that county; the rest stay together for the Bureau.
 */
export function groupByName(d: Divisions, rows: ImportedRow[]): NameGroup[] {
  const groups = new Map<string, NameGroup>();
  const add = (r: ImportedRow, part?: string) => {
    const nameId = nameIdFor(r.province, r.city, r.county, part || undefined);
    let g = groups.get(nameId);
    if (!g) {
      g = { nameId, province: r.province, city: r.city, county: r.county, ...(part ? { part } : {}), rows: [] };
      groups.set(nameId, g);
    }
    g.rows.push(r);
  };
  const byName = new Map<string, ImportedRow[]>();
  for (const r of rows) {
    const key = nameIdFor(r.province, r.city, r.county);
    const list = byName.get(key);
    if (list) list.push(r);
    else byName.set(key, [r]);
  }
  for (const list of byName.values()) {
    const first = list[0]!;
    if (isBingtuan(first)) {
      for (const r of list) add(r, bingtuanPart(r.area) ?? '');
    } else if (resolveName(d, first).countyCode) {
      for (const r of list) add(r);
    } else {
      const streets = streetCounties(d, first);
      for (const r of list) {
        const county = streets(r.area);
        add(r, county ? `${STREET_PART}${d.get(county)!.name}` : '');
      }
    }
  }
  for (const g of groups.values()) {
    const text = g.rows.reduce((n, r) => n + Buffer.byteLength(r.area), 0);
    if (g.rows.length > MAX_GROUP_ROWS || text > MAX_GROUP_TEXT) {
      throw badInput(
        `${g.province}${g.city}${g.county}${g.part ?? ''}下有${g.rows.length}个区域，超过一个区县的上限（${MAX_GROUP_ROWS}个、${MAX_GROUP_TEXT / 1024 / 1024}MB），不像是真实名单，请检查文件`,
        'fileId',
      );
    }
  }
  return [...groups.values()];
}

/** The part of a name whose areas name the streets of one county: `街道属于九龙坡区`. */
export const STREET_PART = '街道属于';

/** For a name's city: the one county whose street or town (3+ characters) an area names, if exactly one. */
function streetCounties(d: Divisions, g: Pick<NameGroup, 'province' | 'city'>): (area: string) => string | undefined {
  const towns = citiesNamed(d, g.province, g.city)
    .flatMap((c) => d.children(c.code))
    .flatMap((k) => d.children(k.code).map((t) => ({ county: k.code, name: t.name })))
    .filter((t) => t.name.length >= 3);
  return (area) => {
    const hits = new Set(towns.filter((t) => area.includes(t.name)).map((t) => t.county));
    return hits.size === 1 ? [...hits][0] : undefined;
  };
}

function provinceNamed(d: Divisions, name: string) {
  return d.children().find((p) => p.name === name) ?? null;
}

/** The division city rows a list's city name may mean (a municipality's city is the municipality). */
export function citiesNamed(d: Divisions, province: string, city: string) {
  const p = provinceNamed(d, province);
  if (!p) return [];
  const rows = d.children(p.code);
  return MUNICIPALITIES.includes(p.code) ? (city === p.name ? rows : []) : rows.filter((c) => c.name === city);
}

const prefixed = (street: string, area: string) => (street && !area.startsWith(street) ? `${street}${area}` : area);

export interface Resolution {
  countyCode?: string;
  how?: RiskResolution;
  /** The area text as published: a street written as the county moves into it. */
  areaText: (area: string) => string;
  suggestions: string[];
}

const same = (area: string) => area;

/** Resolves a name by the rules alone (remembered decisions are applied by the caller). Never guesses. */
export function resolveName(d: Divisions, g: Pick<NameGroup, 'province' | 'city' | 'county' | 'part'>): Resolution {
  if (isBingtuan(g)) {
    const cityName = g.part ? BINGTUAN_CITIES[g.part] : undefined;
    const county = cityName ? d.children(BINGTUAN_CITY_CODE).find((k) => k.name === cityName) : undefined;
    if (county) return { countyCode: county.code, how: 'bingtuan', areaText: same, suggestions: [] };
    return { areaText: same, suggestions: [] };
  }
  if (g.part?.startsWith(STREET_PART)) {
    const name = g.part.slice(STREET_PART.length);
    const county = citiesNamed(d, g.province, g.city)
      .flatMap((c) => d.children(c.code))
      .find((k) => k.name === name);
    if (county) return { countyCode: county.code, how: 'street', areaText: same, suggestions: [] };
  }
  const exact = g.county ? d.resolveCounty(g.province, g.city, g.county) : null;
  if (exact) return { countyCode: exact, how: 'exact', areaText: same, suggestions: [] };
  // A municipality written with the district as the city (北京市 / 朝阳区 / 酒仙桥街道): the street moves into the area.
  if (MUNICIPALITY_NAMES.has(g.province) && g.city !== g.province) {
    const district = d.resolveCounty(g.province, g.province, g.city);
    if (district) return { countyCode: district, how: 'municipality', areaText: (a) => prefixed(g.county, a), suggestions: [] };
  }
  const p = provinceNamed(d, g.province);
  const inProvince = (name: string) => (p ? d.children(p.code).flatMap((c) => d.children(c.code)).filter((k) => k.name === name) : []);
  // A county the province runs itself (海南省 / 省直辖县级行政单位 / 万宁市), or a county written as the city
  // (河北省 / 辛集市 / 辛集市, 陕西省 / 杨凌示范区 / 杨陵区): the one county of that name in the province.
  const cityKnown = citiesNamed(d, g.province, g.city).length > 0;
  if ((PROVINCE_RUN.test(g.city) || !cityKnown) && g.county) {
    const matches = inProvince(g.county);
    if (matches.length === 1) return { countyCode: matches[0]!.code, how: 'province-county', areaText: same, suggestions: [] };
  }
  // A county written with a note (新林区(虚拟)) or its proper name in brackets (经开区（汉南区）).
  const bracket = /^(.+?)[（(](.+)[）)]$/.exec(g.county);
  if (bracket) {
    for (const name of [bracket[2]!, bracket[1]!]) {
      const code = d.resolveCounty(g.province, g.city, name);
      if (code) return { countyCode: code, how: 'exact', areaText: same, suggestions: [] };
    }
  }
  // A development zone by its short name (高新区, 经开区, 冀南新区): the one county-level zone of the city whose official name contains it.
  const zone = zoneOf(d, g);
  if (zone) return { countyCode: zone, how: 'zone', areaText: same, suggestions: [] };
  // A city with no county level (东莞市, 中山市): its one county-level row carries the city's own name.
  const [city] = citiesNamed(d, g.province, g.city);
  if (city) {
    const kids = d.children(city.code);
    if (kids.length === 1 && kids[0]!.name === g.city && (!g.county || g.county === g.city || !d.resolveCounty(g.province, g.city, g.county))) {
      return {
        countyCode: kids[0]!.code,
        how: 'no-county-city',
        areaText: (a) => prefixed(g.county === g.city ? '' : g.county, a),
        suggestions: [],
      };
    }
  }
  return { areaText: same, suggestions: suggestionsFor(d, g) };
}

/** The standard short forms of zone names, applied to both sides before comparing. */
function zoneForm(name: string): string {
  const n = name
    .replace(/高新技术产业开发区|高新技术开发区|高新技术产业园区|高技术产业开发区/g, '高新区')
    .replace(/经济技术开发区|经济开发区/g, '经开区');
  return n === '开发区' ? '经开区' : n;
}

/** The county-level zone of the name's city whose official name contains the list's short name, when exactly one does. */
function zoneOf(d: Divisions, g: Pick<NameGroup, 'province' | 'city' | 'county' | 'part'>): string | undefined {
  const short = zoneForm(squash(g.county));
  if (short.length < 3 || !/(区|园|基地)$/.test(short)) return undefined;
  const hits = citiesNamed(d, g.province, g.city)
    .flatMap((c) => d.children(c.code))
    .filter((k) => zoneForm(k.name).includes(short));
  return hits.length === 1 ? hits[0]!.code : undefined;
}

/** Every county of the name's city (or, for a province-run or 兵团 name, of the province's directly run counties). */
export function countiesToPick(d: Divisions, g: Pick<NameGroup, 'province' | 'city' | 'county' | 'part'>) {
  if (isBingtuan(g)) return d.children(BINGTUAN_CITY_CODE).map((k) => ({ code: k.code, name: k.name }));
  const p = provinceNamed(d, g.province);
  if (PROVINCE_RUN.test(g.city) && p) {
    return d
      .children(p.code)
      .filter((c) => c.code.endsWith('90'))
      .flatMap((c) => d.children(c.code))
      .map((k) => ({ code: k.code, name: k.name }));
  }
  const cities = citiesNamed(d, g.province, g.city);
  // A city the list names that is no GB/T 2260 city (长白山保护开发区): every county of the province.
  return (cities.length || !p ? cities : d.children(p.code))
    .flatMap((c) => d.children(c.code))
    .map((k) => ({ code: k.code, name: k.name }));
}

/** Counties of the name's city whose names contain the name's stem (净月区 → 长春净月高新技术产业开发区), to pick from first. */
function suggestionsFor(d: Divisions, g: Pick<NameGroup, 'province' | 'city' | 'county' | 'part'>): string[] {
  const stem = g.county
    .replace(/(新区|开发区|区|县|市)$/, '')
    .replace('经开', '经济技术开发')
    .replace('高新', '高新技术');
  if (stem.length < 2) return [];
  return countiesToPick(d, g)
    .filter((k) => k.name.includes(stem))
    .map((k) => k.code)
    .slice(0, 6);
}

/** The province a name's picker searches in, when the name has one. */
export function provinceCodeOf(d: Divisions, province: string): string | undefined {
  if (province === BINGTUAN) return '65';
  return provinceNamed(d, province)?.code;
}

/** A draft group's rows as they will be published with this resolution. */
export function draftRows(rows: ImportedRow[], resolution: Pick<Resolution, 'areaText'>): RiskDraftRow[] {
  return rows.map((r) => ({ row: r.row, level: r.level, kind: r.kind, area: r.area, areaText: resolution.areaText(r.area) }));
}

export function resolveCity(d: Divisions, mappings: Map<string, RiskMappingDoc>, c: Pick<RiskDraftCity, 'province' | 'city'>): Pick<RiskDraftCity, 'cityCode' | 'how'> {
  const mapped = mappings.get(nameIdFor(c.province, c.city, ''));
  if (mapped?.code) return { cityCode: mapped.code, how: 'mapping' };
  const rows = citiesNamed(d, c.province, c.city);
  if (rows.length) return { cityCode: cityOf(rows[0]!.code), how: 'exact' };
  // A municipality's district written as the city: the municipality is the city.
  if (MUNICIPALITY_NAMES.has(c.province)) {
    const p = provinceNamed(d, c.province)!;
    if (d.children(p.code).some((x) => d.children(x.code).some((k) => k.name === c.city))) return { cityCode: `${p.code}00`, how: 'exact' };
  }
  return {};
}

/** Cities of a province, for picking a confirmed-case city by hand. */
export function citiesToPick(d: Divisions, province: string) {
  const p = provinceNamed(d, province);
  return p ? d.children(p.code).map((x) => ({ code: x.code, name: x.name })) : [];
}
