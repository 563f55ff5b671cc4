// `risk`: the risk-area registry (三(三)) — the Bureau uploads, resolves and publishes the day's national
// list; every staff member queries it; the area administrator decides the looser re-codings a list causes.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { CodeColor, Decision, Instant, LocalDate, OriginCategory, RiskAreaKind, RiskLevel } from '../model';
import { dateField, StringEnum } from './common';

const listDate = dateField('名单日期');
const whichList = StringEnum(['areas', 'cities'] as const, { title: '名单类别' });

const draftId = Type.String({ title: '待发布名单编号', pattern: '^\\d{4}-\\d{2}-\\d{2}_r\\d+_u\\d+$' });
const versionId = Type.String({ title: '名单版本', pattern: '^\\d{4}-\\d{2}-\\d{2}_r\\d+$' });
const cursor = Type.Optional(Type.String({ title: '翻页位置', maxLength: 200 }));
const pageSize = (max: number) => Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: max }));
const groupId = Type.String({ title: '名称组', minLength: 1, maxLength: 120 });

export const RISK = {
  upload: Type.Object(
    {
      action: Type.Literal('upload'),
      date: listDate,
      fileId: Type.String({ title: '名单文件', minLength: 1, maxLength: 300 }),
      fileName: Type.Optional(Type.String({ title: '文件名', maxLength: 200 })),
      confirmedCities: Type.Optional(
        Type.Array(Type.String({ title: '有确诊病例的城市', maxLength: 60 }), { title: '有确诊病例的城市', maxItems: 500 }),
      ),
    },
    { additionalProperties: false },
  ),
  /** The newest draft of a day (its summary; groups and rows are paged). */
  draft: Type.Object({ action: Type.Literal('draft'), date: listDate }, { additionalProperties: false }),
  groups: Type.Object(
    {
      action: Type.Literal('groups'),
      draftId,
      status: Type.Optional(StringEnum(['open', 'resolved', 'excluded'] as const, { title: '处理状态' })),
      cursor,
      limit: pageSize(100),
    },
    { additionalProperties: false },
  ),
  groupRows: Type.Object(
    { action: Type.Literal('groupRows'), draftId, group: groupId, cursor, limit: pageSize(200) },
    { additionalProperties: false },
  ),
  /** One decision for every row of a name: the county it means (remembered for later days). */
  resolve: Type.Object(
    {
      action: Type.Literal('resolve'),
      draftId,
      list: whichList,
      /** A name group of the areas, or the row of a city with confirmed cases. */
      target: Type.String({ title: '名称组或行号', minLength: 1, maxLength: 120 }),
      code: Type.String({ title: '对应的区划', pattern: '^(\\d{4}|\\d{6})$' }),
    },
    { additionalProperties: false },
  ),
  /** One decision for every row of a name: left out, with the reason (remembered for later days). */
  exclude: Type.Object(
    {
      action: Type.Literal('exclude'),
      draftId,
      list: whichList,
      target: Type.String({ title: '名称组或行号', minLength: 1, maxLength: 120 }),
      reason: Type.String({ title: '排除原因', minLength: 2, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  /** What publishing would change, for the confirmation. */
  preview: Type.Object({ action: Type.Literal('preview'), draftId }, { additionalProperties: false }),
  publish: Type.Object(
    {
      action: Type.Literal('publish'),
      draftId,
      /** The person saw the preview and confirmed it. */
      confirm: Type.Literal(true, { title: '确认发布' }),
      /** Required when the draft corrects a day already published. */
      reason: Type.Optional(Type.String({ title: '更正原因', minLength: 2, maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  /** Progress of a publishing job (the newest when no version is given). */
  job: Type.Object({ action: Type.Literal('job'), versionId: Type.Optional(versionId) }, { additionalProperties: false }),
  versions: Type.Object({ action: Type.Literal('versions'), cursor, limit: pageSize(50) }, { additionalProperties: false }),
  version: Type.Object({ action: Type.Literal('version'), versionId }, { additionalProperties: false }),
  versionAreas: Type.Object(
    {
      action: Type.Literal('versionAreas'),
      versionId,
      countyCode: Type.Optional(Type.String({ title: '区县代码', pattern: '^\\d{6}$' })),
      cursor,
      limit: pageSize(200),
    },
    { additionalProperties: false },
  ),
  versionDiff: Type.Object(
    { action: Type.Literal('versionDiff'), versionId, cursor, limit: pageSize(200) },
    { additionalProperties: false },
  ),
  search: Type.Object(
    {
      action: Type.Literal('search'),
      q: Type.String({ title: '地名', minLength: 1, maxLength: 30 }),
      /** Only places in this province or city (a picker for one row's names). */
      within: Type.Optional(Type.String({ title: '限定范围', pattern: '^(\\d{2}|\\d{4})$' })),
      levels: Type.Optional(Type.Array(StringEnum(['city', 'county', 'street'] as const, { title: '地名级别' }), { maxItems: 3 })),
    },
    { additionalProperties: false },
  ),
  query: Type.Object(
    {
      action: Type.Literal('query'),
      code: Type.String({ title: '城市/区县/街道代码', pattern: '^(\\d{4}|\\d{6}|\\d{9})$' }),
      date: Type.Optional(dateField('查询日期')),
      cursor,
      limit: pageSize(200),
    },
    { additionalProperties: false },
  ),
  recodeWorklist: Type.Object(
    {
      action: Type.Literal('recodeWorklist'),
      status: Type.Optional(StringEnum(['pending', 'applied', 'dismissed', 'superseded'] as const, { title: '状态' })),
    },
    { additionalProperties: false },
  ),
  recodeDecide: Type.Object(
    {
      action: Type.Literal('recodeDecide'),
      id: Type.String({ title: '待办编号', minLength: 1, maxLength: 120 }),
      apply: Type.Boolean({ title: '是否按新名单转码' }),
      reason: Type.String({ title: '处理说明', minLength: 2, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
} as const;

/** A page of a long list: the items, how many there are in all, and where the next page starts (absent at the end). */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

export interface RiskAreaView {
  id: string;
  kind: RiskAreaKind;
  level: RiskLevel;
  area: string;
  countyCode: string;
  /** Full name of the county, e.g. 吉林省长春市宽城区. */
  county: string;
  cityCode: string;
}

export interface PlaceView {
  code: string;
  name: string;
}

export interface RiskAreaChangeView extends RiskAreaView {
  change: 'added' | 'removed' | 'changed';
  /** For a changed area: its kind before. */
  fromKind?: RiskAreaKind;
}

/**
 * How a name was resolved: exact GB/T 2260 names; a municipality's district written as the city; a city
 * without counties; a county the province runs (or written as the city); `zone`, a development zone by
 * the GB/T 2260 zone whose name contains it; `street`, the part of a zone whose areas name streets of one
 * county; `bingtuan`, a 兵团 division's city; `mapping`, a decision by the Bureau (today or remembered).
 */
export type ResolutionHow = 'exact' | 'municipality' | 'no-county-city' | 'province-county' | 'zone' | 'street' | 'bingtuan' | 'mapping';

/** Every row of a draft with the same names (province, city, county): one decision covers them all. */
export interface RiskDraftGroupView {
  id: string;
  province: string;
  city: string;
  county: string;
  /** 新疆生产建设兵团 rows are grouped by division (第八师 …) as well. */
  part?: string;
  rows: number;
  /** The first rows, whole (long names are kept; the page folds them). */
  sample: Array<{ row: number; kind: RiskAreaKind; area: string }>;
  status: 'open' | 'resolved' | 'excluded';
  /** Resolved: the county, and how — by the names, by a decision remembered from an earlier day, or by hand today. */
  countyCode?: string;
  countyName?: string;
  how?: ResolutionHow;
  decided?: { byName: string; at: Instant; remembered: boolean };
  excluded?: { reason: string };
  /** Open or re-decidable: likely counties first, then the counties of the row's city. */
  suggestions: PlaceView[];
  pickFrom: PlaceView[];
  /** Where a search for the county should look (the row's province), when it is known. */
  provinceCode?: string;
}

export interface RiskDraftRowView {
  row: number;
  kind: RiskAreaKind;
  area: string;
  /** The area as it will be published (a street written as the county moves into it). */
  areaText: string;
}

export interface RiskDraftCityView {
  row: number;
  province: string;
  city: string;
  cityCode?: string;
  cityName?: string;
  how?: 'exact' | 'mapping';
  excluded?: { reason: string };
  pickFrom: PlaceView[];
  /** Where a search for the city should look (the row's province), when it is known. */
  provinceCode?: string;
}

export interface RiskDraftView {
  draftId: string;
  date: LocalDate;
  revision: number;
  /** The published version this draft would correct (a revision of the same day). */
  supersedes?: string;
  status: 'draft' | 'publishing' | 'published';
  format: 'csv' | 'xlsx' | 'json';
  fileName?: string;
  uploadedAt: Instant;
  counts: {
    /** Entries read per list; `stated` is what the file itself says (hcount, mcount, lcount). */
    entries: { high: number; medium: number };
    low: number;
    stated: { high: number | null; medium: number | null; low: number | null };
    /** Entries that repeat an area already read (kept once, the stricter kind). */
    duplicates: number;
    groups: number;
    open: number;
    resolved: number;
    excluded: number;
    /** Groups decided by a decision remembered from an earlier day. */
    remembered: number;
    /** Rows (areas) in resolved groups, and in excluded ones. */
    rows: number;
    rowsExcluded: number;
    cities: number;
  };
  cities: RiskDraftCityView[];
  /** Why it cannot be published yet; empty when it can. */
  blockers: string[];
}

export interface RiskPublishPreview {
  draftId: string;
  date: LocalDate;
  /** The version it is compared with (in force now), and whether it corrects that same day. */
  against: { versionId: string; date: LocalDate } | null;
  revision: boolean;
  areas: number;
  added: number;
  removed: number;
  changed: number;
  /** Counties with areas added, removed or changed; cities whose standing as a city with cases changes. */
  counties: number;
  cities: number;
  /** Recent arrivals (within the re-coding window) whose itinerary touches those counties or cities. */
  arrivalsTouched: number;
  /** Plain-language warnings (e.g. most of the list disappears). */
  warnings: string[];
  blockers: string[];
  /** Some of the changed counties, for the confirmation text. */
  sampleCounties: Array<{ code: string; name: string; added: number; removed: number; changed: number }>;
}

export interface RecodeSummary {
  windowStart: LocalDate;
  placesRead: number;
  reportsRead: number;
  stricter: number;
  looser: number;
  unchanged: number;
}

export interface RiskJobView {
  id: string;
  versionId: string;
  date: LocalDate;
  status: 'running' | 'done';
  phase: 'publish' | 'recode' | 'done';
  /** Publishing: counties written of all; re-coding: place-index rows read of all. */
  done: number;
  total: number;
  batches: number;
  longestBatchMs: number;
  startedAt: Instant;
  updatedAt: Instant;
  finishedAt?: Instant;
  recode: RecodeSummary;
}

export interface RiskVersionSummary {
  versionId: string;
  date: LocalDate;
  revision: number;
  status: 'publishing' | 'published' | 'superseded';
  areas: number;
  kinds: Record<RiskAreaKind, number>;
  counties: number;
  confirmedCities: number;
  low: number;
  excluded: number;
  publishedAt: Instant;
  publishedBy: string;
  publishedByName: string;
  previousId: string | null;
  previousDate: LocalDate | null;
  /** A revision: why it corrects the day, and the version it replaced. */
  reason?: string;
  supersedes?: string;
  supersededBy?: string;
  changes: { added: number; removed: number; changed: number; counties: number; cities: number; citiesAdded: PlaceView[]; citiesRemoved: PlaceView[] } | null;
  draftId: string;
  job: RiskJobView | null;
}

export interface RiskQueryAnswer {
  /** The day asked about, and the list in force that day (null: none published by then). */
  asOf: LocalDate;
  listDate: LocalDate | null;
  place: { code: string; fullName: string; level: 'city' | 'county' | 'street' };
  hasRisk: boolean;
  /** City questions: whether the city counts as one with confirmed cases (listed, or with a listed area). */
  confirmedCity: boolean | null;
  kinds: Record<RiskAreaKind, number>;
  /** The areas, a page at a time (`total` is all of them). */
  areas: Page<RiskAreaView>;
  /** One sentence to read out on the phone. */
  summary: string;
}

export interface RecodeWorkItem {
  id: string;
  listDate: LocalDate;
  status: 'pending' | 'applied' | 'dismissed' | 'superseded';
  name: string;
  idNumberMasked: string;
  destination: string;
  arrivalDate: LocalDate;
  from: { color: CodeColor; clause: string; category: OriginCategory };
  proposed: Pick<Decision, 'code' | 'clause' | 'category' | 'reason'>;
  createdAt: Instant;
  reason?: string;
}

export interface RiskOutputs {
  upload: { draft: RiskDraftView };
  draft: { draft: RiskDraftView };
  groups: Page<RiskDraftGroupView>;
  groupRows: Page<RiskDraftRowView>;
  resolve: { draft: RiskDraftView; group?: RiskDraftGroupView };
  exclude: { draft: RiskDraftView; group?: RiskDraftGroupView };
  preview: { preview: RiskPublishPreview };
  publish: { version: RiskVersionSummary; job: RiskJobView };
  job: { job: RiskJobView | null };
  versions: Page<RiskVersionSummary>;
  version: { version: RiskVersionSummary };
  versionAreas: Page<RiskAreaView>;
  versionDiff: Page<RiskAreaChangeView>;
  search: { places: Array<PlaceView & { fullName: string; level: 'city' | 'county' | 'street' }> };
  query: RiskQueryAnswer;
  recodeWorklist: { items: RecodeWorkItem[] };
  recodeDecide: { item: RecodeWorkItem };
}

const bureau = { who: 'staff', permission: 'risk.publish' } as const;
const anyStaff = { who: 'staff', permission: 'risk.query' } as const;
/** The national list and the Bureau's drafts of it name places, never persons. */
const listOnly = { none: 'the national list: places, no personal data' };
export const RISK_RULES = {
  upload: { ...bureau, audit: { action: 'risk.upload' }, errors: ['CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
  draft: { ...bureau, audit: listOnly, errors: ['NOT_FOUND'] },
  groups: { ...bureau, audit: listOnly, errors: ['NOT_FOUND'] },
  groupRows: { ...bureau, audit: listOnly, errors: ['NOT_FOUND'] },
  resolve: { ...bureau, audit: { action: 'risk.map', target: 'target' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  exclude: { ...bureau, audit: { action: 'risk.exclude', target: 'target', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  preview: { ...bureau, audit: listOnly, errors: ['NOT_FOUND'] },
  publish: { ...bureau, audit: { action: 'risk.publish', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  job: { ...anyStaff, audit: listOnly, errors: ['NOT_FOUND'] },
  versions: { ...anyStaff, audit: listOnly, errors: [] },
  version: { ...anyStaff, audit: listOnly, errors: ['NOT_FOUND'] },
  versionAreas: { ...anyStaff, audit: listOnly, errors: ['NOT_FOUND'] },
  versionDiff: { ...anyStaff, audit: listOnly, errors: ['NOT_FOUND'] },
  search: { ...anyStaff, audit: listOnly, errors: [] },
  query: { ...anyStaff, audit: listOnly, errors: [] },
  recodeWorklist: { who: 'staff', permission: 'conversions.list', scope: { loaded: 'listed within the jurisdiction' }, audit: { action: 'risk.recodeWorklist' }, errors: [] },
  recodeDecide: { who: 'staff', permission: 'conversions.confirm', scope: { loaded: "the report's village" }, audit: { action: 'risk.recodeApply', target: 'id', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'], note: 'audited as `risk.recodeApply` or `risk.recodeDismiss`' },
} satisfies Rules<typeof RISK>;
