// `appeal`: appeals against a code (三(四)), answered within 24 hours by platform staff.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';
import type { AppealStaffView, AppealStats, AppealView } from '../model';
import { pageFields, StringEnum, type PageInfo } from './common';
import { personField } from './family';

export const AppealSubmit = Type.Object(
  {
    action: Type.Literal('submit'),
    personId: personField,
    requestId: Type.String({ title: '请求编号', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    reason: Type.String({ title: '申诉理由', minLength: 1, maxLength: 1000 }),
    photos: Type.Optional(
      Type.Array(Type.String({ title: '照片', minLength: 1, maxLength: 300 }), { title: '照片', maxItems: 3 }),
    ),
  },
  { additionalProperties: false },
);

const text = (title: string, maxLength: number) => Type.Optional(Type.String({ title, maxLength }));

export const AppealAnswer = Type.Object(
  {
    action: Type.Literal('answer'),
    id: Type.String({ title: '申诉编号', minLength: 1, maxLength: 64 }),
    outcome: StringEnum(['wrong', 'stands'] as const, { title: '核查结果' }),
    reason: Type.String({ title: '答复理由', minLength: 1, maxLength: 500 }),
    /** "wrong": the code it is corrected to. */
    correctCode: Type.Optional(StringEnum(['red', 'yellow', 'green'] as const, { title: '更正后的健康码' })),
    /** "stands": all three required. */
    process: text('处理流程', 500),
    phone: text('联系电话', 20),
    address: text('办理地址', 100),
  },
  { additionalProperties: false },
);

const byId = (action: string) =>
  Type.Object(
    {
      action: Type.Literal(action),
      id: Type.String({ title: '申诉编号', minLength: 1, maxLength: 64 }),
      /** Why the full record is opened (kept in the audit log; a default names the duty). */
      reason: Type.Optional(Type.String({ title: '查看理由', minLength: 2, maxLength: 200 })),
    },
    { additionalProperties: false },
  );

export const APPEAL = {
  submit: AppealSubmit,
  /** The person's appeals, newest first, with their answers. */
  mine: Type.Object({ action: Type.Literal('mine'), personId: personField }, { additionalProperties: false }),
  /** Staff: the appeals of the jurisdiction, soonest deadline first. */
  queue: Type.Object(
    { action: Type.Literal('queue'), status: Type.Optional(StringEnum(['open', 'answered'] as const, { title: '状态' })), ...pageFields },
    { additionalProperties: false },
  ),
  get: byId('get'),
  /** Staff: one photo of the appeal through a link that expires in 10 minutes; each view is audited. */
  photo: Type.Object(
    {
      action: Type.Literal('photo'),
      id: Type.String({ title: '申诉编号', minLength: 1, maxLength: 64 }),
      index: Type.Integer({ title: '照片序号', minimum: 0, maximum: 2 }),
    },
    { additionalProperties: false },
  ),
  answer: AppealAnswer,
  /** Bureau: the share answered within 24 hours and the overdue count. */
  stats: Type.Object({ action: Type.Literal('stats') }, { additionalProperties: false }),
} as const;

export interface AppealOutputs {
  submit: { appeal: AppealView; duplicate: boolean };
  mine: { appeals: AppealView[] };
  queue: { appeals: AppealStaffView[] } & PageInfo;
  get: { appeal: AppealStaffView };
  photo: { url: string; expiresAt: string; type: string };
  answer: { appeal: AppealStaffView };
  stats: { stats: AppealStats };
}

const noPersonal = 'answers no personal data';
export const APPEAL_RULES = {
  submit: { who: 'signed-in', idempotency: 'requestId', errors: ['CONFLICT', 'NOT_FOUND', 'RATE_LIMITED'] },
  mine: { who: 'signed-in', errors: ['NOT_FOUND'] },
  queue: { who: 'staff', permission: 'appeals.list', scope: { loaded: 'listed within the jurisdiction' }, audit: { action: 'appeals.list' }, errors: [] },
  get: { who: 'staff', permission: 'appeals.list', scope: { loaded: "the appeal's county" }, audit: { action: 'appeal.read', target: 'id', reason: 'reason' }, errors: ['NOT_FOUND'] },
  photo: { who: 'staff', permission: 'appeals.list', scope: { loaded: "the appeal's county" }, audit: { action: 'appeal.photo.view', target: 'id' }, errors: ['NOT_FOUND'] },
  answer: { who: 'staff', permission: 'appeals.answer', scope: { loaded: "the appeal's county" }, audit: { action: 'appeal.answer', target: 'id', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  stats: { who: 'staff', permission: 'dashboard.view', scope: { loaded: 'counted within the jurisdiction' }, audit: { action: 'appeals.stats' }, errors: [], note: noPersonal },
} satisfies Rules<typeof APPEAL>;
