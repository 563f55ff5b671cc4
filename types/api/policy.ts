// `policy`: policy versions with an effective date (issue 11). The Bureau checks an uploaded policy
// file (schema, coverage, its own vectors; what it changes, in words, and whom), schedules it for a
// date — in force from 00:00 Asia/Shanghai that day, re-coding every active person through the job —
// and may withdraw it before that date. A version is never edited.
import type { Rules } from './actions';
import { Type } from '@sinclair/typebox';

const fileId = Type.String({ title: '政策文件', minLength: 1, maxLength: 300 });
const effectiveDate = Type.String({ title: '生效日期', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD，当日0时（北京时间）起生效，须晚于今天' });

export const POLICY = {
  /** Validates a file and says what it would change; writes nothing. */
  check: Type.Object({ action: Type.Literal('check'), fileId, effectiveDate }, { additionalProperties: false }),
  schedule: Type.Object(
    { action: Type.Literal('schedule'), fileId, effectiveDate, reason: Type.String({ title: '依据（文件名称或文号）', minLength: 1, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  withdraw: Type.Object(
    {
      action: Type.Literal('withdraw'),
      id: Type.String({ title: '政策版本', minLength: 1, maxLength: 64 }),
      reason: Type.String({ title: '撤回理由', minLength: 1, maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
  list: Type.Object({ action: Type.Literal('list') }, { additionalProperties: false }),
} as const;

export interface PolicyAffected {
  /** Active reports evaluated (arrival within the re-coding window), with today's list at 00:00 of the date. */
  read: number;
  stricter: number;
  looser: number;
  /** false when more active reports exist than were read (the job re-codes them all). */
  complete: boolean;
}

export interface PolicyCheckResult {
  ok: boolean;
  effectiveDate: string;
  /** Empty when the file passes every check. */
  problems: string[];
  id?: string;
  policyVersion?: string;
  title?: string;
  /** The version it would replace on its date. */
  replaces?: string;
  changes: string[];
  affected: PolicyAffected | null;
}

export interface PolicyVersionView {
  id: string;
  policyVersion: string;
  title: string;
  effectiveDate: string;
  state: 'in-force' | 'scheduled' | 'past' | 'withdrawn';
  changes: string[];
  affected: PolicyAffected | null;
  reason: string;
  byName: string;
  at: string;
  jobId?: string;
  withdrawn?: { at: string; reason: string };
}

export interface PolicyOutputs {
  check: PolicyCheckResult;
  schedule: { version: PolicyVersionView };
  withdraw: { version: PolicyVersionView };
  list: { inForce: string; versions: PolicyVersionView[] };
}

export const POLICY_RULES = {
  check: { who: 'staff', permission: 'policy.manage', audit: { action: 'policy.check', target: 'fileId' }, errors: ['NOT_FOUND'] },
  schedule: { who: 'staff', permission: 'policy.manage', audit: { action: 'policy.schedule', reason: 'reason' }, errors: ['CONFLICT', 'NOT_FOUND'] },
  withdraw: { who: 'staff', permission: 'policy.manage', audit: { action: 'policy.withdraw', reason: 'reason' }, errors: ['NOT_FOUND', 'CONFLICT'] },
  list: { who: 'staff', permission: 'policy.manage', audit: { action: 'policy.list' }, errors: [] },
} satisfies Rules<typeof POLICY>;
