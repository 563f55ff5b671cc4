// The append-only audit log: every staff read of personal data and every change, with who, role,
// when, what, before and after, and why. Entries are only ever inserted.
import { randomBytes } from 'node:crypto';
import type { AccountDoc, AuditDoc } from '../store/collections';
import { requireAccount, type ServiceContext } from '../services/context';

/** What a staff action records; who, role and when are added by `audit`. The fields are AuditDoc's. */
export type AuditEntry = Pick<AuditDoc, 'action' | 'target' | 'before' | 'after' | 'reason' | 'override'>;

/**
 * Why a staff read happens when the staff member gives no reason: the duty of the notice it serves
 * (issue 13: staff reads carried no reason). A reason given with the call replaces it.
 */
export const READ_PURPOSES: Record<string, string> = {
  'arrivals.list': '二(三)社区每日核实到河人员',
  'arrivals.read': '二(三)社区电话核实与管控',
  'appeals.list': '三(四)申诉24小时内答复',
  'appeal.read': '三(四)申诉处理',
  'checkpoint.verify': '二(二)卡口核验健康码',
  'conversions.list': '转码工作清单（一(一)1、一(一)3等）',
  'audit.search': '市大数据发展局审计查询',
  'staff.list': '工作人员账号管理',
  'contacts.read': '三(一)首问负责制转派联系',
  'dashboard.list': '三(一)每日处理质量监测',
  'dashboard.export': '三(一)每日处理质量监测（导出）',
};

export async function audit(ctx: ServiceContext, actor: Pick<AccountDoc, '_id' | 'role'>, entry: AuditEntry): Promise<AuditDoc> {
  const at = ctx.now.toISOString();
  const purpose = entry.reason ? undefined : READ_PURPOSES[entry.action];
  const doc: AuditDoc = {
    // Time first so ids sort by time; random tail so two entries in one millisecond never collide.
    _id: `a_${at}_${randomBytes(6).toString('hex')}`,
    at,
    ...(ctx.realNow && ctx.realNow.getTime() !== ctx.now.getTime() ? { realAt: ctx.realNow.toISOString() } : {}),
    actorId: actor._id,
    role: actor.role,
    ...entry,
    ...(purpose ? { reason: purpose } : {}),
  };
  await ctx.store.insert('auditLog', doc);
  return doc;
}

/** What a service adds to its action's audit entry; the declaration (types/api) gives the rest. */
export type AuditDetail = Partial<AuditEntry>;

/** The entries of one dispatched call, written by runAction once the action has succeeded. */
export interface AuditTrail {
  entries: AuditDetail[];
  /** The call was a retry answered from what is stored: the first call's entry stands. */
  retried: boolean;
  /** Writes entries now, as dispatch would (set by dispatch; see auditWithin). */
  flush?: (entries: AuditDetail[]) => Promise<void>;
  /** auditWithin wrote the action's entry already: dispatch writes none after the handler. */
  written?: boolean;
}

/**
 * Hands detail (whom, before/after, why, another entry per person) to the audit entry dispatch writes
 * for this action, instead of writing it here: who and when are the dispatcher's, and a failed call
 * leaves no entry. A service run outside dispatch (benches, tests that drive a service directly) has
 * no declaration, so its entries must name their action and are written at once.
 */
export async function auditDetail(ctx: ServiceContext, ...entries: AuditDetail[]): Promise<void> {
  if (ctx.auditTrail) {
    ctx.auditTrail.entries.push(...entries);
    return;
  }
  const actor = ctx.actor ?? (await requireAccount(ctx));
  for (const entry of entries) {
    if (!entry.action || !entry.target) throw new Error('auditDetail outside dispatch: the entry must name its action and target');
    await audit(ctx, actor, { ...entry, action: entry.action, target: entry.target });
  }
}

/**
 * Writes the action's entry now, inside the caller's atomic group, instead of after the handler: on
 * CloudBase a group is one transaction and dispatch's own write would come after it, so a crash
 * between them would leave a change that a retry finds done and never audits. Still the declaration's
 * entry (action, target, why); outside dispatch it is auditDetail's immediate write.
 */
export async function auditWithin(ctx: ServiceContext, ...entries: AuditDetail[]): Promise<void> {
  const trail = ctx.auditTrail;
  if (!trail?.flush) return auditDetail(ctx, ...entries);
  await trail.flush(entries);
  trail.written = true;
}

/** A retry answered from what is stored: dispatch writes no second entry. */
export function auditRetried(ctx: ServiceContext): void {
  if (ctx.auditTrail) ctx.auditTrail.retried = true;
}
