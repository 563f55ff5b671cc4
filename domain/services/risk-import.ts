// Reading a day's national risk-area list as the Bureau receives it: CSV (UTF-8 or GBK, as Excel
// exports it), XLSX, or JSON — rows of our own, or the State Council query service's own form
// (highlist/middlelist with communitys). Everything wrong is collected and reported by row, in
// Chinese; nothing is kept from a file with any problem.
import type { LocalDate, RiskAreaKind, RiskLevel } from '../../types/model';
import { badInput } from '../errors';
import { decodeText, isXlsx, readCsvRowsSliced, readXlsxRows, TABLE_LIMITS, type TableLimits } from '../files/table';
import { chineseDate, isLocalDate } from '../time';
import hechiJson from '../../config/policy/hechi.json';

/**
 * Sized from the real worst day with a wide margin: the national list of 2022-12-01 held 37,047
 * areas in 2.1 MB of the query service's JSON (about 4 MB as CSV), its longest area name ran to 417
 * characters (543 on 2022-10-15), and its largest county held 871 areas. Anything far past those is
 * not a day's list: the limits are 8 times the rows, 16 times the bytes, almost 4 times the longest name.
 */
export const MAX_LIST_BYTES = 32 * 1024 * 1024;
export const MAX_LIST_ROWS = 300_000;
export const MAX_NAME_CHARS = 2_000;
/** Province, city and county names are short (the longest real one is 新疆生产建设兵团第十二师, 12 characters). */
export const MAX_PLACE_CHARS = 60;
/** The sheet reader stops at the list's own row limit (plus a header and the blank lines a sheet may have). */
const SHEET_LIMITS: TableLimits = { ...TABLE_LIMITS, maxRows: Math.max(TABLE_LIMITS.maxRows, MAX_LIST_ROWS + 1_000) };

/** A row as read from the file, before resolution: the file's own fields of a draft row. */
export interface ImportedRow {
  row: number;
  level: RiskLevel;
  kind: RiskAreaKind;
  province: string;
  city: string;
  county: string;
  area: string;
}

export interface ImportedCity {
  row: number;
  province: string;
  city: string;
}

export interface ImportedList {
  format: 'csv' | 'xlsx' | 'json';
  /** How the rows are numbered in messages: 行 for a sheet, 条 for JSON items. */
  unit: '行' | '条';
  rows: ImportedRow[];
  cities: ImportedCity[];
  /** The date the file itself states, when it states one. */
  date?: LocalDate;
  /** Entries read per level before duplicates are merged, and low-risk entries (not risk areas for the policy). */
  entries: { high: number; medium: number };
  low: number;
  /** The counts the file states about itself (the query service's hcount, mcount, lcount). */
  stated: { high: number | null; medium: number | null; low: number | null };
  /** Entries that repeat an area already read (kept once, with the stricter kind). */
  duplicates: number;
}

type ReadList = Omit<ImportedList, 'entries' | 'duplicates' | 'low' | 'stated'> & Partial<Pick<ImportedList, 'low' | 'stated'>>;

const KINDS: Record<string, RiskAreaKind> = {
  high: 'high',
  高: 'high',
  高风险: 'high',
  高风险区: 'high',
  高风险地区: 'high',
  高风险区域: 'high',
  medium: 'medium',
  middle: 'medium',
  中: 'medium',
  中风险: 'medium',
  中风险区: 'medium',
  中风险地区: 'medium',
  中风险区域: 'medium',
  sealed: 'sealed',
  封控: 'sealed',
  封控区: 'sealed',
  controlled: 'controlled',
  管控: 'controlled',
  管控区: 'controlled',
};

/**
 * The level stored beside each area's kind, for lists and views: the built-in policy's zoneLevels
 * (config/policy/hechi.json). The engine itself reads the kind with the policy in force.
 */
export const LEVEL_OF_KIND: Record<RiskAreaKind, RiskLevel> = hechiJson.zoneLevels as Record<RiskAreaKind, RiskLevel>;
export const KIND_LABELS: Record<RiskAreaKind, string> = { high: '高风险区', medium: '中风险区', sealed: '封控区', controlled: '管控区' };

type Column = 'level' | 'province' | 'city' | 'county' | 'area' | 'date';
const HEADERS: Record<Column, string[]> = {
  level: ['level', 'type', 'kind', '风险等级', '等级', '级别', '类型', '风险类型'],
  province: ['province', '省', '省份', '省级', '省（区、市）', '省(区、市)'],
  city: ['city', '市', '城市', '地市', '市级', '设区市', '市（州）', '市(州)'],
  county: ['county', 'district', '县', '区县', '县区', '县级', '县（市、区）', '县(市、区)', '区'],
  area: ['area', 'area_name', 'community', '区域', '地区', '风险区域', '风险地区', '具体区域', '具体地区', '小区', '社区'],
  date: ['date', '日期', '发布日期'],
};
const COLUMN_NAMES: Record<Column, string> = {
  level: '风险等级',
  province: '省份',
  city: '城市',
  county: '县（市、区）',
  area: '区域',
  date: '日期',
};
const HEADER_HINT = '表头应为 level,province,city,county,area（或 风险等级,省份,城市,县（市、区）,区域）';

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').replace(/\s+/g, '').toLowerCase();
const clean = (v: unknown) => (v === null || v === undefined ? '' : String(v)).replace(/\s+/g, ' ').trim();

/** Problems found while reading, each naming its row; thrown together as one message. */
class Problems {
  readonly list: string[] = [];
  constructor(private readonly unit: string) {}
  add(row: number | null, text: string) {
    this.list.push(row === null ? text : `第${row}${this.unit}：${text}`);
  }
  throwIfAny() {
    if (!this.list.length) return;
    const shown = this.list.slice(0, 8).join('；');
    const more = this.list.length > 8 ? `；另有${this.list.length - 8}处问题` : '';
    throw badInput(`名单有${this.list.length}处问题，未保存：${shown}${more}`, 'fileId');
  }
}

/** Detects the format and reads the file. `today` refuses dates in the future. */
export async function importList(bytes: Buffer, fileName: string | undefined, today: LocalDate): Promise<ImportedList> {
  if (bytes.length === 0) throw badInput('文件是空的，请上传当日的风险区域名单', 'fileId');
  if (bytes.length > MAX_LIST_BYTES) {
    throw badInput(`文件过大（超过${MAX_LIST_BYTES / 1024 / 1024}MB），不像是风险区域名单，请检查后重新上传`, 'fileId');
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
  let list: ReadList;
  if (isXlsx(bytes, fileName)) {
    list = fromTable(await readXlsxRows(bytes, SHEET_LIMITS), 'xlsx');
  } else {
    const text = decodeText(bytes, UNREADABLE);
    const first = text.trimStart()[0];
    // CSV is read in slices, so a 40,000-row list never holds other callers up for long.
    list = ext === 'json' || first === '{' || first === '[' ? readJson(text) : fromTable(await readCsvRowsSliced(text, { skipEmptyLines: true, limits: SHEET_LIMITS }), 'csv');
  }
  return checkRows(list, today);
}

const UNREADABLE = '文件内容无法识别：不是CSV、XLSX或JSON格式的风险区域名单';

/** A sheet: the first non-empty line is the header; columns are found by name, in any order. */
function fromTable(records: string[][], format: 'csv' | 'xlsx'): ReadList {
  const headerAt = records.findIndex((r) => r.some((c) => clean(c)));
  if (headerAt < 0) throw badInput('文件是空的，请上传当日的风险区域名单', 'fileId');
  const header = records[headerAt]!.map((h) => normalizeHeader(clean(h)));
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[]) {
    index[column] = header.findIndex((h) => HEADERS[column].some((alias) => normalizeHeader(alias) === h));
  }
  const missing = (['level', 'province', 'city', 'county', 'area'] as Column[]).filter((c) => index[c] < 0);
  if (missing.length) {
    const seen = records[headerAt]!.map(clean).filter(Boolean).slice(0, 8).join(',');
    throw badInput(`第${headerAt + 1}行表头缺少${missing.map((c) => `“${COLUMN_NAMES[c]}”`).join('、')}列（现为：${seen}）；${HEADER_HINT}`, 'fileId');
  }
  const problems = new Problems('行');
  const rows: ImportedRow[] = [];
  let date: LocalDate | undefined;
  for (let i = headerAt + 1; i < records.length; i++) {
    const r = records[i] ?? [];
    if (!r.some((c) => clean(c))) continue;
    const cell = (c: Column) => (index[c] >= 0 ? clean(r[index[c]]) : '');
    const row = toRow(i + 1, cell('level'), cell('province'), cell('city'), cell('county'), cell('area'), problems);
    if (row) rows.push(row);
    const d = cell('date');
    if (d) date = checkRowDate(i + 1, d, date, problems);
  }
  problems.throwIfAny();
  return { format, unit: '行', rows, cities: [], ...(date ? { date } : {}) };
}

function toRow(row: number, levelText: string, province: string, city: string, county: string, area: string, problems: Problems): ImportedRow | null {
  const kind = [levelText.toLowerCase(), levelText].map((k) => (Object.hasOwn(KINDS, k) ? KINDS[k] : undefined)).find(Boolean);
  const before = problems.list.length;
  if (!levelText) problems.add(row, '缺少风险等级');
  else if (!kind) problems.add(row, `风险等级“${levelText.slice(0, 20)}”无法识别（应为高风险、中风险、封控区或管控区）`);
  if (!province) problems.add(row, '缺少省份');
  if (!city) problems.add(row, '缺少城市');
  if (!area) problems.add(row, '缺少区域名称');
  for (const [name, value] of [['省份', province], ['城市', city], ['县（市、区）', county]] as const) {
    if (value.length > MAX_PLACE_CHARS) problems.add(row, `${name}超过${MAX_PLACE_CHARS}字，请检查该行是否错位`);
  }
  if (area.length > MAX_NAME_CHARS) problems.add(row, `区域名称超过${MAX_NAME_CHARS}字，请检查该行是否错位`);
  if (problems.list.length > before || !kind) return null;
  return { row, level: LEVEL_OF_KIND[kind], kind, province, city, county, area };
}

function checkRowDate(row: number, text: string, seen: LocalDate | undefined, problems: Problems): LocalDate | undefined {
  const d = text.slice(0, 10).replace(/\//g, '-');
  if (!isLocalDate(d)) {
    problems.add(row, `日期“${text.slice(0, 20)}”无法识别（应为YYYY-MM-DD）`);
    return seen;
  }
  if (seen && d !== seen) problems.add(row, `日期${d}与前面各行的${seen}不一致：一个文件只能是一天的名单`);
  return seen ?? d;
}

interface ServiceItem {
  province?: unknown;
  city?: unknown;
  county?: unknown;
  area_name?: unknown;
  communitys?: unknown;
}

function readJson(text: string): ReadList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw badInput('JSON格式有误，无法读取名单', 'fileId');
  }
  const problems = new Problems('条');
  const rows: ImportedRow[] = [];
  const cities: ImportedCity[] = [];
  let date: LocalDate | undefined;
  let low = 0;
  let stated: ImportedList['stated'] = { high: null, medium: null, low: null };
  const obj = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  // The service answers { code, msg, data: { end_update_time, highlist, middlelist } }; archives keep `data` only.
  const service = (obj.data && typeof obj.data === 'object' ? obj.data : obj) as Record<string, unknown>;
  if (Array.isArray(service.highlist) || Array.isArray(service.middlelist)) {
    let n = 0;
    for (const [key, level] of [['highlist', '高风险'], ['middlelist', '中风险']] as const) {
      const items = service[key];
      if (items !== undefined && !Array.isArray(items)) problems.add(null, `${key}应为数组`);
      for (const item of (Array.isArray(items) ? items : []) as ServiceItem[]) {
        const communities = Array.isArray(item?.communitys) ? item.communitys.map(clean).filter(Boolean) : [];
        // An item without communities lists its county as a whole.
        for (const area of communities.length ? communities : [`${clean(item?.county)}全域`]) {
          n++;
          const row = toRow(n, level, clean(item?.province), clean(item?.city), clean(item?.county), area, problems);
          if (row) rows.push(row);
        }
      }
    }
    const stamp = clean(service.end_update_time).slice(0, 10);
    if (isLocalDate(stamp)) date = stamp;
    // Low-risk areas (from August 2022) are part of the file but not risk areas for the policy: counted only.
    if (service.lowlist !== undefined && !Array.isArray(service.lowlist)) problems.add(null, 'lowlist应为数组');
    for (const item of (Array.isArray(service.lowlist) ? service.lowlist : []) as ServiceItem[]) {
      low += Array.isArray(item?.communitys) && item.communitys.length ? item.communitys.length : 1;
    }
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
    stated = { high: count(service.hcount), medium: count(service.mcount), low: count(service.lcount) };
  } else {
    const items = Array.isArray(data) ? data : obj.areas;
    if (!Array.isArray(items)) {
      throw badInput('JSON中找不到名单：应为行的数组、含 areas 的对象，或国务院客户端查询服务的 highlist/middlelist', 'fileId');
    }
    items.forEach((item: unknown, i) => {
      const r = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const row = toRow(i + 1, clean(r.level ?? r.type), clean(r.province), clean(r.city), clean(r.county), clean(r.area ?? r.area_name), problems);
      if (row) rows.push(row);
      if (r.date !== undefined) date = checkRowDate(i + 1, clean(r.date), date, problems);
    });
    if (typeof obj.date === 'string') date = checkRowDate(0, obj.date, date, problems);
    if (Array.isArray(obj.confirmedCities)) {
      obj.confirmedCities.forEach((c: unknown, i) => {
        const r = (c && typeof c === 'object' ? c : {}) as Record<string, unknown>;
        const province = clean(r.province);
        const city = clean(r.city);
        if (!province || !city) problems.add(null, `有确诊病例城市第${i + 1}条：缺少省份或城市`);
        else cities.push({ row: i + 1, province, city });
      });
    }
  }
  problems.throwIfAny();
  return { format: 'json', unit: '条', rows, cities, low, stated, ...(date ? { date } : {}) };
}

const keyOf = (r: ImportedRow) => [r.province, r.city, r.county, r.area].map((s: string) => s.replace(/\s+/g, '')).join('|');
const STRICTER: Record<RiskAreaKind, number> = { sealed: 3, high: 2, controlled: 1, medium: 0 };

/**
 * Checks that hold whatever the format: something listed, not too many, no future date. Real lists
 * repeat an area (twice in one list, or in both lists): it is kept once with the stricter kind and
 * counted, never refused — the Bureau publishes the file it received.
 */
function checkRows(list: ReadList, today: LocalDate): ImportedList {
  const problems = new Problems(list.unit);
  if (!list.rows.length) throw badInput('文件中没有任何风险区域（只有表头或为空），请检查后重新上传', 'fileId');
  if (list.rows.length > MAX_LIST_ROWS) throw badInput(`名单超过${MAX_LIST_ROWS}行，不像是一天的风险区域名单`, 'fileId');
  if (list.date && list.date > today) problems.add(null, `文件中的日期${chineseDate(list.date)}晚于今天，不能发布未来的名单`);
  problems.throwIfAny();
  const entries = { high: 0, medium: 0 };
  const first = new Map<string, ImportedRow>();
  const rows: ImportedRow[] = [];
  let duplicates = 0;
  for (const r of list.rows) {
    entries[r.level]++;
    const key = keyOf(r);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, r);
      rows.push(r);
      continue;
    }
    duplicates++;
    if (STRICTER[r.kind] > STRICTER[earlier.kind]) Object.assign(earlier, { kind: r.kind, level: r.level });
  }
  return {
    ...list,
    rows,
    entries,
    duplicates,
    low: list.low ?? 0,
    stated: list.stated ?? { high: null, medium: null, low: null },
  };
}

/** Cities with confirmed cases as typed on the page: one a line, "广东省 深圳市", "广东省,深圳市" or "广东省深圳市". */
export function parseCityLines(lines: string[]): ImportedCity[] {
  const cities: ImportedCity[] = [];
  lines.forEach((line, i) => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (!text) return;
    const parts = text.split(/[ ,，、\t]+/).filter(Boolean);
    if (parts.length >= 2) cities.push({ row: i + 1, province: parts[0]!, city: parts.slice(1).join('') });
    else {
      // 广东省深圳市: split after the province's suffix (省, 自治区, or a municipality's 市).
      const m = /^(.+?(?:省|自治区|北京市|天津市|上海市|重庆市))(.+)$/.exec(text);
      cities.push({ row: i + 1, province: m ? m[1]! : text, city: m ? m[2]! : '' });
    }
  });
  return cities;
}
