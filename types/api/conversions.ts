// `conversions`: the area administrator's worklists and batch confirm (转码, 一(*)1, 一(*)3).
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { ConversionItem } from '../model';
import { pageFields, StringEnum, type PageInfo } from './common';

export const CONVERSIONS = {
  /** Paged over the due list, then the waiting one (a page may hold some of each). */
  list: Type.Object({ action: Type.Literal('list'), ...pageFields }, { additionalProperties: false }),
  confirm: Type.Object(
    {
      action: Type.Literal('confirm'),
      items: Type.Array(
        Type.Object(
          {
            personId: Type.String({ title: '人员编号', minLength: 1, maxLength: 64 }),
            /** The code the worklist showed: a retry after success finds it changed and skips it. */
            from: StringEnum(['red', 'yellow'] as const, { title: '原码色' }),
          },
          { additionalProperties: false, title: '转码人员' },
        ),
        { title: '转码人员', minItems: 1, maxItems: 200 },
      ),
      /** Required for a conversion that is not yet due; it is then marked as an override. */
      reason: Type.Optional(Type.String({ title: '提前转码理由', minLength: 5, maxLength: 300 })),
    },
    { additionalProperties: false },
  ),
} as const;

export interface ConversionsOutputs {
  list: { today: string; due: ConversionItem[]; waiting: ConversionItem[]; dueTotal: number; waitingTotal: number } & PageInfo;
  confirm: { converted: Array<{ personId: string; to: string; clause: string; override: boolean }>; skipped: string[] };
}

export const CONVERSIONS_RULES = {
  list: { who: 'staff', permission: 'conversions.list', scope: { loaded: 'listed within the jurisdiction' }, audit: { action: 'conversions.list' }, errors: [] },
  confirm: { who: 'staff', permission: 'conversions.confirm', scope: { loaded: "each person's area" }, audit: { action: 'conversions.confirm', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'], note: 'one audit entry per person converted' },
} satisfies Rules<typeof CONVERSIONS>;
