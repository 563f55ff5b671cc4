// The append-only audit log: every staff read of personal data and every change, with who, role,
// when, what, before and after, and why. Entries are only ever inserted.
import { randomBytes } from 'node:crypto';
import type { AccountDoc, AuditDoc } from '../store/collections';
import type { ServiceContext } from '../services/context';

/** What a staff action records; who, role and when are added by `audit`. The fields are AuditDoc's. */
export type AuditEntry = Pick<AuditDoc, 'action' | 'target' | 'before' | 'after' | 'reason' | 'override'>;

export async function audit(ctx: ServiceContext, actor: Pick<AccountDoc, '_id' | 'role'>, entry: AuditEntry): Promise<AuditDoc> {
  const at = ctx.now.toISOString();
  const doc: AuditDoc = {
    // Time first so ids sort by time; random tail so two entries in one millisecond never collide.
    _id: `a_${at}_${randomBytes(6).toString('hex')}`,
    at,
    ...(ctx.realNow && ctx.realNow.getTime() !== ctx.now.getTime() ? { realAt: ctx.realNow.toISOString() } : {}),
    actorId: actor._id,
    role: actor.role,
    ...entry,
  };
  await ctx.store.insert('auditLog', doc);
  return doc;
}
