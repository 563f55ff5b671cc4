// `division`: places for pickers, and the listed risk areas of a county.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { Division, LocalDate, RiskAreaOption } from '../model';

export const DIVISION = {
  children: Type.Object(
    {
      action: Type.Literal('children'),
      code: Type.Optional(Type.String({ title: '区划代码', pattern: '^(\\d{2}|\\d{4}|\\d{6}|\\d{9})$' })),
    },
    { additionalProperties: false },
  ),
  riskAreas: Type.Object(
    {
      action: Type.Literal('riskAreas'),
      countyCode: Type.String({ title: '县（市、区）代码', pattern: '^\\d{6}$' }),
      /** The town or street picked: its areas come first. */
      townCode: Type.Optional(Type.String({ title: '乡镇/街道代码', pattern: '^\\d{9}$' })),
    },
    { additionalProperties: false },
  ),
  /** What the report form needs of the policy version in force: its itinerary window and age limit. */
  formRules: Type.Object({ action: Type.Literal('formRules') }, { additionalProperties: false }),
} as const;

export interface DivisionOutputs {
  formRules: { policyVersion: string; itineraryWindowDays: number; maxArrivalAgeDays: number };
  children: { divisions: Division[] };
  /** `town`: the town given, and how many of the areas name it (those come first, marked `inTown`). */
  riskAreas: { listDate: LocalDate | null; areas: RiskAreaOption[]; town?: { name: string; matched: number } };
}

export const DIVISION_RULES = {
  children: { who: 'public', errors: [] },
  riskAreas: { who: 'public', errors: [] },
  formRules: { who: 'public', errors: [] },
} satisfies Rules<typeof DIVISION>;
