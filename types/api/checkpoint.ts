// `checkpoint`: what checkpoint staff (卡口) do with a person in front of them (二(二), 三(二)).
import { Type } from '@sinclair/typebox';
import type { CodeColor, Instant, LocalDate, MovementWindowView } from '../model';

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

export interface CheckpointOutputs {
  verify: CheckpointVerdict;
}
