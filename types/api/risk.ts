// `risk`: the risk-area registry (三(三)) — the Bureau uploads, resolves and publishes the day's national
// list; every staff member queries it; the area administrator decides the looser re-codings a list causes.
import { Type } from '@sinclair/typebox';
import type { CodeColor, Decision, Instant, LocalDate, OriginCategory, RiskAreaKind, RiskLevel } from '../model';
import { dateField, StringEnum } from './common';

const listDate = dateField('名单日期');
const whichList = StringEnum(['areas', 'cities'] as const, { title: '名单类别' });
const rowNumber = Type.Integer({ title: '行号', minimum: 0, maximum: 100000 });

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
  draft: Type.Object({ action: Type.Literal('draft'), date: listDate }, { additionalProperties: false }),
  resolve: Type.Object(
    {
      action: Type.Literal('resolve'),
      date: listDate,
      list: whichList,
      row: rowNumber,
      code: Type.String({ title: '对应的区划', pattern: '^(\\d{4}|\\d{6})$' }),
    },
    { additionalProperties: false },
  ),
  exclude: Type.Object(
    {
      action: Type.Literal('exclude'),
      date: listDate,
      list: whichList,
      row: rowNumber,
      reason: Type.String({ title: '排除原因', minLength: 2, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  publish: Type.Object({ action: Type.Literal('publish'), date: listDate }, { additionalProperties: false }),
  versions: Type.Object({ action: Type.Literal('versions') }, { additionalProperties: false }),
  version: Type.Object({ action: Type.Literal('version'), date: listDate }, { additionalProperties: false }),
  search: Type.Object(
    { action: Type.Literal('search'), q: Type.String({ title: '地名', minLength: 1, maxLength: 30 }) },
    { additionalProperties: false },
  ),
  query: Type.Object(
    {
      action: Type.Literal('query'),
      code: Type.String({ title: '城市/区县/街道代码', pattern: '^(\\d{4}|\\d{6}|\\d{9})$' }),
      date: Type.Optional(dateField('查询日期')),
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

export interface RiskDiffView {
  from: LocalDate | null;
  to: LocalDate;
  added: RiskAreaView[];
  removed: RiskAreaView[];
  changed: Array<RiskAreaView & { fromKind: RiskAreaKind }>;
  citiesAdded: PlaceView[];
  citiesRemoved: PlaceView[];
  /** How many counties and cities changed (their arrivals are re-coded). */
  counties: number;
  cities: number;
}

export interface RiskDraftRowView {
  row: number;
  kind: RiskAreaKind;
  province: string;
  city: string;
  county: string;
  area: string;
  /** Resolved: the county, how (exact, municipality district written as the city, city without counties, remembered mapping). */
  countyCode?: string;
  countyName?: string;
  how?: 'exact' | 'municipality' | 'no-county-city' | 'mapping';
  /** The area text as it will be published. */
  areaText?: string;
  excluded?: { reason: string };
  /** Unresolved: likely counties, and every county of the row's city to pick from. */
  suggestions: PlaceView[];
  pickFrom: PlaceView[];
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
}

export interface RiskDraftView {
  date: LocalDate;
  status: 'draft' | 'published';
  format: 'csv' | 'xlsx' | 'json';
  fileName?: string;
  uploadedAt: Instant;
  rows: RiskDraftRowView[];
  cities: RiskDraftCityView[];
  counts: { rows: number; resolved: number; mapped: number; excluded: number; unresolved: number; cities: number };
  /** What publishing would change, against the newest published list (resolved rows only). */
  diff: RiskDiffView;
  /** Why it cannot be published yet; empty when it can. */
  blockers: string[];
}

export interface RecodeSummary {
  windowStart: LocalDate;
  placesRead: number;
  reportsRead: number;
  stricter: number;
  looser: number;
  unchanged: number;
}

export interface RiskVersionSummary {
  date: LocalDate;
  areas: number;
  kinds: Record<RiskAreaKind, number>;
  confirmedCities: number;
  publishedAt: Instant;
  publishedBy: string;
  publishedByName: string;
  previousDate: LocalDate | null;
  changes: { added: number; removed: number; changed: number } | null;
  recode: RecodeSummary | null;
}

export interface RiskVersionView extends RiskVersionSummary {
  list: RiskAreaView[];
  confirmedCityList: PlaceView[];
  excluded: Array<{ row: number; province: string; city: string; county: string; area: string; reason: string }>;
  diff: RiskDiffView;
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
  areas: RiskAreaView[];
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
  resolve: { draft: RiskDraftView };
  exclude: { draft: RiskDraftView };
  publish: { version: RiskVersionSummary; recode: RecodeSummary };
  versions: { versions: RiskVersionSummary[] };
  version: { version: RiskVersionView };
  search: { places: Array<PlaceView & { fullName: string; level: 'city' | 'county' | 'street' }> };
  query: RiskQueryAnswer;
  recodeWorklist: { items: RecodeWorkItem[] };
  recodeDecide: { item: RecodeWorkItem };
}
