// `movement`: the limited movement window (限时流动, 一(一)2, 一(二)2, 一(三)1).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { MovementWindowView } from '../model';
import { requestIdField } from './common';
import { personField } from './family';

export const MovementApply = Type.Object(
  {
    action: Type.Literal('apply'),
    personId: personField,
    hours: Type.Integer({ title: '限时流动时长（小时）', minimum: 1, maximum: 24, description: '1—24 的整数，且在政策规定的范围内' }),
    from: Type.String({ title: '出发地（抵河地）', minLength: 2, maxLength: 100 }),
    to: Type.String({ title: '目的地（住地）', minLength: 2, maxLength: 100 }),
    /** Required when the policy opens windows only on request for given reasons (e.g. 就医). */
    requestReason: Type.Optional(Type.String({ title: '申请事由', minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);

export const MOVEMENT = {
  apply: MovementApply,
  /** Ends an open window early; the chance stays used. */
  cancel: Type.Object({ action: Type.Literal('cancel'), personId: personField, requestId: requestIdField }, { additionalProperties: false }),
} as const;

export interface MovementOutputs {
  apply: { window: MovementWindowView };
  cancel: { window: MovementWindowView };
}

export const MOVEMENT_RULES = {
  apply: { who: 'signed-in', errors: ['CONFLICT', 'NOT_FOUND'], note: 'one window per yellow code: a second apply answers CONFLICT' },
  cancel: { who: 'signed-in', idempotency: 'requestId', errors: ['NOT_FOUND'], note: 'a retry of the same requestId answers as the first did' },
} satisfies Rules<typeof MOVEMENT>;
