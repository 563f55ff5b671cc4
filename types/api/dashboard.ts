// `dashboard`: the Big Data Bureau's daily view of processing quality per county (三(一)).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { Instant, LocalDate } from '../model';
import { dateField, StringEnum } from './common';
import { METRICS, type Metric } from '../dashboard';

export { METRICS, type Metric };

const range = {
  from: Type.Optional(dateField('开始日期')),
  to: Type.Optional(dateField('结束日期')),
};
const drill = {
  date: dateField('日期'),
  countyCode: Type.String({ title: '县（市、区）', pattern: '^4512\\d{2}$' }),
  metric: StringEnum(METRICS, { title: '指标' }),
};

export const DASHBOARD = {
  daily: Type.Object({ action: Type.Literal('daily'), ...range }, { additionalProperties: false }),
  list: Type.Object({ action: Type.Literal('list'), ...drill }, { additionalProperties: false }),
  export: Type.Object(
    {
      action: Type.Literal('export'),
      table: StringEnum(['daily', 'list'] as const, { title: '导出的表' }),
      ...range,
      date: Type.Optional(drill.date),
      countyCode: Type.Optional(drill.countyCode),
      metric: Type.Optional(drill.metric),
    },
    { additionalProperties: false },
  ),
} as const;

export type DailyCounts = Record<Metric, number>;

export interface DailyRow extends DailyCounts {
  date: LocalDate;
  countyCode: string;
}

export interface DrillRow {
  /** `reports/<id>`, `appeals/<id>` or `checkpointChecks/<id>`. */
  ref: string;
  at: Instant;
  nameMasked: string;
  idNumberMasked: string;
  detail: string;
}

export interface DashboardOutputs {
  daily: {
    from: LocalDate;
    to: LocalDate;
    counties: Array<{ code: string; name: string }>;
    rows: DailyRow[];
    /** Per metric, over the range and all counties. */
    totals: DailyCounts;
    /** What each metric counts, in Chinese, for the page and the export. */
    definitions: Record<Metric, string>;
  };
  list: { rows: DrillRow[] };
  export: { fileName: string; base64: string };
}

export const DASHBOARD_RULES = {
  daily: { who: 'staff', permission: 'dashboard.view', scope: { place: '4512' }, audit: { action: 'dashboard.daily' }, errors: [] },
  list: { who: 'staff', permission: 'dashboard.view', scope: { field: 'countyCode' }, audit: { action: 'dashboard.list' }, errors: [] },
  export: { who: 'staff', permission: 'dashboard.view', audit: { action: 'dashboard.export' }, errors: [] },
} satisfies Rules<typeof DASHBOARD>;
