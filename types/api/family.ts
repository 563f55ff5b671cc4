// `family`: family members an account reports for and whose codes it shows.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { PersonView } from '../model';
import { emptyAction, StringEnum } from './common';

/** Which of the account's persons an action is about; absent = the account's own person. */
export const personField = Type.Optional(Type.String({ title: '家庭成员', minLength: 1, maxLength: 64 }));

export const FAMILY_RELATIONS = ['spouse', 'parent', 'child', 'grandparent', 'grandchild', 'sibling', 'other'] as const;

export const FamilyAdd = Type.Object(
  {
    action: Type.Literal('add'),
    name: Type.String({ title: '姓名', minLength: 1, maxLength: 30 }),
    idNumber: Type.String({ title: '身份证号', minLength: 18, maxLength: 18 }),
    phone: Type.Optional(Type.String({ title: '手机号', maxLength: 11 })),
    relation: StringEnum(FAMILY_RELATIONS, { title: '与本人关系' }),
  },
  { additionalProperties: false },
);

export const FAMILY = {
  list: emptyAction('list'),
  add: FamilyAdd,
} as const;

export interface FamilyOutputs {
  /** The account's own person first (when bound), then the family members. */
  list: { persons: PersonView[] };
  add: { person: PersonView };
}

export const FAMILY_RULES = {
  list: { who: 'signed-in', errors: [] },
  add: { who: 'signed-in', errors: ['CONFLICT', 'RATE_LIMITED'] },
} satisfies Rules<typeof FAMILY>;
