// `arrivals`: the community daily list (二(三)) — phone verification, management measure and code,
// and first-question transfers (三(一)).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { ArrivalDetail, ArrivalRow } from '../model';
import { dateField, pageFields, StringEnum, type PageInfo } from './common';

export const MEASURE_VALUES = ['centralized-isolation', 'home-medical-observation', 'home-health-monitoring', 'none'] as const;

const reportId = Type.String({ title: '报备编号', minLength: 1, maxLength: 64 });
const requestId = Type.String({ title: '请求编号', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
const village = (title: string) => Type.String({ title, pattern: '^4512\\d{8}$' });

export const ARRIVALS = {
  /** Today's first, then the unhandled older ones; paged (no one falls off the end). */
  list: Type.Object({ action: Type.Literal('list'), ...pageFields }, { additionalProperties: false }),
  /** `reason`: why the full record is opened (kept in the audit log; a default names the duty). */
  get: Type.Object({ action: Type.Literal('get'), reportId, reason: Type.Optional(Type.String({ title: '查看理由', minLength: 2, maxLength: 200 })) }, { additionalProperties: false }),
  verify: Type.Object(
    {
      action: Type.Literal('verify'),
      requestId,
      reportId,
      reached: Type.Boolean({ title: '是否联系上' }),
      /** Required when reached: the facts as confirmed or corrected on the phone. */
      originTownCode: Type.Optional(Type.String({ title: '始发地（乡镇/街道）', pattern: '^\\d{9}$' })),
      departDate: Type.Optional(dateField('离开始发地日期')),
      arrivalDate: Type.Optional(dateField('抵河日期')),
      destination: Type.Optional(
        Type.Object(
          {
            villageCode: village('目的地（社区/村）'),
            address: Type.String({ title: '详细地址', minLength: 2, maxLength: 100 }),
          },
          { additionalProperties: false, title: '目的地' },
        ),
      ),
      measure: Type.Optional(StringEnum(MEASURE_VALUES, { title: '管控措施' })),
      notes: Type.String({ title: '核实情况说明', maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
  transfer: Type.Object(
    {
      action: Type.Literal('transfer'),
      requestId,
      reportId,
      toVillageCode: village('转派目的地（社区/村）'),
      toAddress: Type.String({ title: '详细地址', minLength: 2, maxLength: 100 }),
      /** From the contacts directory, or typed (name and phone). */
      contactId: Type.Optional(Type.String({ title: '告知的管控人员', minLength: 1, maxLength: 64 })),
      contactName: Type.Optional(Type.String({ title: '告知的管控人员姓名', minLength: 1, maxLength: 30 })),
      contactPhone: Type.Optional(Type.String({ title: '告知的管控人员电话', pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' })),
      note: Type.Optional(Type.String({ title: '备注', maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
} as const;

export interface ArrivalsOutputs {
  list: { today: string; arrivals: ArrivalRow[] } & PageInfo;
  get: { arrival: ArrivalDetail };
  verify: { arrival: ArrivalDetail; duplicate: boolean };
  transfer: { arrival: ArrivalDetail; duplicate: boolean };
}

const inArea = { loaded: "the report's handling area" };
export const ARRIVALS_RULES = {
  list: { who: 'staff', permission: 'arrivals.list', scope: { loaded: 'listed within the jurisdiction' }, audit: { action: 'arrivals.list' }, errors: [] },
  get: { who: 'staff', permission: 'arrivals.list', scope: inArea, audit: { action: 'arrivals.read', target: 'reportId', reason: 'reason' }, errors: ['NOT_FOUND'] },
  verify: { who: 'staff', permission: 'arrivals.verify', scope: inArea, idempotency: 'requestId', audit: { action: 'arrivals.verify', target: 'reportId' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  transfer: { who: 'staff', permission: 'arrivals.transfer', scope: inArea, idempotency: 'requestId', audit: { action: 'arrivals.transfer', target: 'reportId' }, errors: ['NOT_FOUND', 'CONFLICT'] },
} satisfies Rules<typeof ARRIVALS>;
