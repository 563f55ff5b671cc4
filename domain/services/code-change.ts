// The one way a person's code changes — by a report, a management measure, a conversion, a
// re-coding after a new risk list, or a corrected appeal: the current code is replaced and the
// change is added to the person's history. The event id makes a retried change write once.
import type { Decision } from '../../types/model';
import type { CodeDoc, CodeEventDoc } from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import type { ServiceContext } from './context';

export interface CodeChange {
  personId: string;
  accountId: string;
  decision: Decision;
  source: CodeEventDoc['source'];
  /** Deterministic per change (e.g. `e_<reportId>`), so a retry finds it already written. */
  eventId: string;
  /** The report the code rests on. */
  reportId: string;
  /**
   * The county handling `reportId`, for a code that comes to rest on that report. A code that stays
   * on its report keeps the county it has (a transfer moved it there).
   */
  countyCode?: string;
  /** Staff member who made the change, when one did. */
  actorId?: string;
  reason?: string;
}

/**
 * Replaces the person's current code and records the change; returns the code it replaced. The
 * event is written first and the code names it: a crash between the two leaves an event a retry
 * writes again (a duplicate, ignored) before the code, never a code without its history.
 */
export async function changeCode(ctx: ServiceContext, change: CodeChange, known?: { current: CodeDoc | null }): Promise<CodeDoc | null> {
  // A caller that has just read the code (a re-coding batch) passes it instead of a second read.
  const current = known ? known.current : await ctx.store.get('codes', change.personId);
  if (current?.eventId === change.eventId) return current;
  const event: CodeEventDoc = {
    _id: change.eventId,
    personId: change.personId,
    at: ctx.now.toISOString(),
    from: current?.color ?? null,
    to: change.decision.code,
    clause: change.decision.clause,
    reason: change.reason ?? change.decision.reason,
    source: change.source,
    reportId: change.reportId,
    ...(change.actorId ? { actorId: change.actorId } : {}),
    policyVersion: change.decision.policyVersion,
  };
  try {
    await ctx.store.insert('codeEvents', event);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
  const countyCode = countyAfter(current, change);
  const code: CodeDoc = {
    _id: change.personId,
    eventId: change.eventId,
    accountId: change.accountId,
    color: change.decision.code,
    category: change.decision.category,
    decision: change.decision,
    reportId: change.reportId,
    ...(countyCode ? { countyCode } : {}),
    updatedAt: ctx.now.toISOString(),
  };
  await ctx.store.put('codes', code);
  return current;
}

/** The county of the code a change leaves (a caller keeping the code in memory needs it too). */
export function countyAfter(current: CodeDoc | null, change: Pick<CodeChange, 'reportId' | 'countyCode'>): string | undefined {
  return current?.reportId === change.reportId && current.countyCode ? current.countyCode : change.countyCode;
}
