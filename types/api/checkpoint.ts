// `checkpoint`: what checkpoint staff (卡口) do with a person in front of them (二(二), 三(二)).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { CodeColor, Instant, LocalDate, MovementWindowView, ReportDetail } from '../model';
import { ReportSubmit } from './report';

// The person's own fields of a report; family members (`personId`) are not a checkpoint's business.
const { personId: _family, action: _submit, ...reportFields } = ReportSubmit.properties;

export const CHECKPOINT = {
  verify: Type.Object(
    {
      action: Type.Literal('verify'),
      /** The QR's token, scanned or typed. */
      token: Type.Optional(Type.String({ title: '健康码二维码内容', minLength: 1, maxLength: 512 })),
      /** When the person cannot show a code: their ID number. */
      idNumber: Type.Optional(Type.String({ title: '身份证号', minLength: 18, maxLength: 18 })),
    },
    { additionalProperties: false },
  ),
  /** A report filed on the spot, in the person's name, with the person there (二(二)). */
  report: Type.Object(
    { ...reportFields, action: Type.Literal('report') },
    { additionalProperties: false },
  ),
  /** The three checks of 三(二) on a report, after a verify (its checkId). */
  checks: Type.Object(
    {
      action: Type.Literal('checks'),
      checkId: Type.String({ title: '核验编号', minLength: 1, maxLength: 80 }),
      reportId: Type.String({ title: '报备编号', minLength: 1, maxLength: 64 }),
      citiesFilled: Type.Boolean({ title: '行程码涉疫城市已填报' }),
      returnDateToday: Type.Boolean({ title: '返河日期为当天' }),
      destinationAccurate: Type.Boolean({ title: '返河地址填报准确' }),
      note: Type.Optional(Type.String({ title: '说明', maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
} as const;

export interface CheckpointReportView {
  id: string;
  filedAt: Instant;
  arrivalDate: LocalDate;
  /** Every place of the 14-day itinerary, down to the town. */
  places: string[];
  itineraryStar: boolean;
  destination: string;
}

export interface CheckpointVerdict {
  checkId: string;
  person: { nameMasked: string; idNumberMasked: string };
  /** The current code (null when the person has never reported). */
  color: CodeColor | null;
  clause: string | null;
  reportOnFile: boolean;
  report: CheckpointReportView | null;
  movementWindow: MovementWindowView | null;
  /** Red or yellow, or an itinerary code with *: a report must be on file or filed here (二(二)). */
  mustReport: boolean;
  mustReportReason: string | null;
}

export type CheckProblem = 'cities' | 'return-date' | 'destination';

export interface CheckpointOutputs {
  verify: CheckpointVerdict;
  report: { report: ReportDetail; duplicate: boolean };
  checks: { checkId: string; flagged: boolean; problems: CheckProblem[] };
}

export const CHECKPOINT_RULES = {
  verify: { who: 'staff', permission: 'checkpoint.verify', audit: { action: 'checkpoint.verify' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  report: { who: 'staff', permission: 'checkpoint.report', idempotency: 'requestId', audit: { action: 'checkpoint.report' }, errors: ['CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
  checks: { who: 'staff', permission: 'checkpoint.verify', audit: { action: 'checkpoint.checks', target: 'reportId', reason: 'note' }, errors: ['NOT_FOUND'] },
} satisfies Rules<typeof CHECKPOINT>;
