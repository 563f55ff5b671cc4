// `report`: the one-click report (一键直报).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { ReportDetail, ReportSummary } from '../model';
import { dateField, StringEnum } from './common';
import { personField } from './family';

export const ItineraryStopSchema = Type.Object(
  {
    townCode: Type.String({ title: '途经地（乡镇/街道）', pattern: '^\\d{9}$' }),
    departDate: dateField('离开日期'),
    riskAreaIds: Type.Optional(
      Type.Array(Type.String({ title: '风险区域', maxLength: 64 }), { title: '风险区域', maxItems: 50 }),
    ),
  },
  { additionalProperties: false, title: '行程' },
);

export const ReportSubmit = Type.Object(
  {
    action: Type.Literal('submit'),
    requestId: Type.String({ title: '请求编号', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    /** A family member's person id (family.add); absent = the account's own person. */
    personId: personField,
    name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
    idNumber: Type.String({ title: '身份证号', minLength: 18, maxLength: 18 }),
    /** Empty only for a family member without a phone (checked by reportProblems). */
    phone: Type.String({ title: '手机号', maxLength: 11 }),
    itinerary: Type.Array(ItineraryStopSchema, { title: '14天行程', minItems: 1, maxItems: 10 }),
    arrivalDate: dateField('抵河日期'),
    transport: StringEnum(['car', 'train', 'flight', 'bus', 'ship', 'other'] as const, { title: '交通方式' }),
    transportNo: Type.Optional(Type.String({ title: '车次/航班号', maxLength: 20 })),
    itineraryStar: Type.Boolean({ title: '行程码是否带*' }),
    destination: Type.Object(
      {
        villageCode: Type.String({ title: '河池目的地（社区/村）', pattern: '^4512\\d{8}$' }),
        address: Type.String({ title: '详细地址', minLength: 2, maxLength: 100 }),
      },
      { additionalProperties: false, title: '河池目的地' },
    ),
  },
  { additionalProperties: false },
);

export const REPORT = {
  submit: ReportSubmit,
  list: Type.Object({ action: Type.Literal('list'), personId: personField }, { additionalProperties: false }),
  get: Type.Object(
    { action: Type.Literal('get'), id: Type.String({ title: '报备编号', minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  ),
} as const;

export interface ReportOutputs {
  submit: { report: ReportDetail; duplicate: boolean };
  list: { reports: ReportSummary[] };
  get: { report: ReportDetail };
}

export const REPORT_RULES = {
  submit: { who: 'signed-in', idempotency: 'requestId', errors: ['CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
  list: { who: 'signed-in', errors: ['NOT_FOUND'] },
  get: { who: 'signed-in', errors: ['NOT_FOUND'], note: "only the caller's own; anyone else's answers 404 like a missing one" },
} satisfies Rules<typeof REPORT>;
