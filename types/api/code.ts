// `code`: the person's own health code (or a family member's), and their history.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { MyCode, TimelineEntry } from '../model';
import { personField } from './family';

export const CODE = {
  mine: Type.Object({ action: Type.Literal('mine'), personId: personField }, { additionalProperties: false }),
  /** Code changes, movement windows, appeals and their answers, newest first. */
  history: Type.Object({ action: Type.Literal('history'), personId: personField }, { additionalProperties: false }),
} as const;

export interface CodeOutputs {
  mine: MyCode;
  history: { entries: TimelineEntry[] };
}

export const CODE_RULES = {
  mine: { who: 'signed-in', errors: ['NOT_FOUND'], note: 'the token lives 120 s; `person`/`decision`/`qr` are null before the first report' },
  history: { who: 'signed-in', errors: ['NOT_FOUND'] },
} satisfies Rules<typeof CODE>;
