// The limited movement window (限时流动, 一(一)2, 一(二)2, 一(三)1): a person whose yellow was given by
// a yellow-assignment rule may once — per such yellow, ever — move for 1 to 24 hours from the
// arrival point back to their residence. The once-only rule lives in the store: the window's `_id`
// is derived from the person and the code event that began the yellow, so of any number of
// concurrent applications exactly one insert succeeds, on SQLite and on CloudBase alike.
import type { Static } from '@sinclair/typebox';
import type { MovementApply } from '../../types/api/movement';
import type { MovementWindowView } from '../../types/model';
import { badInput, conflict, notFound } from '../errors';
import type { CodeDoc, MovementWindowDoc } from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import { localDateTime } from '../time';
import { requireAccount, type ServiceContext } from './context';
import { requireOwnPerson } from './family';

const HOUR_MS = 3_600_000;

/** A window as the app shows it, with the conditions of the policy in force. */
export function windowView(ctx: Pick<ServiceContext, 'policy'>, doc: MovementWindowDoc, now: Date): MovementWindowView {
  const left = Math.max(0, Math.floor((Date.parse(doc.endAt) - now.getTime()) / 1000));
  return {
    id: doc._id,
    hours: doc.hours,
    from: doc.from,
    to: doc.to,
    startAt: doc.startAt,
    endAt: doc.endAt,
    remainingSeconds: doc.cancelledAt ? 0 : left,
    ...(doc.cancelledAt ? { cancelledAt: doc.cancelledAt } : {}),
    conditions: ctx.policy.movementWindow.conditions,
  };
}

const isOpen = (doc: MovementWindowDoc, now: Date) => !doc.cancelledAt && Date.parse(doc.endAt) > now.getTime();

/**
 * The id of the code event that began the person's current yellow: the newest event, walking back
 * while the code stayed yellow (a later report that keeps the yellow does not begin a new one).
 */
async function yellowStart(ctx: ServiceContext, code: CodeDoc): Promise<string> {
  const events = await ctx.store.find('codeEvents', { where: { personId: code._id }, orderBy: [['at', 'desc']], limit: 100 });
  let start: string | null = null;
  for (const e of events) {
    if (e.to !== 'yellow') break;
    start = e._id;
    if (e.from !== 'yellow') break;
  }
  // No history kept (never the case for codes given through changeCode): the assignment's report.
  return start ?? `e_${code.reportId}`;
}

export const windowIdFor = (personId: string, yellowEventId: string) => `mw_${personId}_${yellowEventId}`;

type Eligibility = { ok: true; id: string; yellowEventId: string; code: CodeDoc } | { ok: false; reason: string };

/** Whether the person may apply now, and if not, why (in Chinese, to show them). */
export async function windowEligibility(ctx: ServiceContext, personId: string): Promise<Eligibility> {
  const code = await ctx.store.get('codes', personId);
  if (!code) return { ok: false, reason: '您还没有健康码，请先填报“一键直报”' };
  if (code.color === 'red') return { ok: false, reason: '红码人员禁止出行，不能申请限时流动' };
  if (code.color === 'green') return { ok: false, reason: '绿码人员出行不受限制，无需申请限时流动' };
  if (!code.decision.movementWindowEligible) {
    return { ok: false, reason: ctx.policy.movementWindow.notEligible };
  }
  const yellowEventId = await yellowStart(ctx, code);
  const id = windowIdFor(personId, yellowEventId);
  const used = await ctx.store.get('movementWindows', id);
  if (used) return { ok: false, reason: usedReason(used) };
  return { ok: true, id, yellowEventId, code };
}

const usedReason = (used: MovementWindowDoc) =>
  `每次赋黄码只有一次申请限时流动的机会，您已于${localDateTime(used.createdAt)}申请过（无论是否使用、到期或取消），不能再次申请`;

export async function applyWindow(
  ctx: ServiceContext,
  input: Omit<Static<typeof MovementApply>, 'action'>,
): Promise<{ window: MovementWindowView }> {
  const account = await requireAccount(ctx);
  const from = input.from.trim();
  const to = input.to.trim();
  if (from.length < 2) throw badInput('请填写出发地（抵河地）', 'from');
  if (to.length < 2) throw badInput('请填写目的地（住地）', 'to');
  // Length and, where the policy says so, the reason come from the policy in force.
  const rule = ctx.policy.movementWindow;
  if (input.hours < rule.minHours || input.hours > rule.maxHours) throw badInput(`限时流动时长应为${rule.minHours}—${rule.maxHours}小时的整数`, 'hours');
  if (rule.onRequestFor && !rule.onRequestFor.includes(input.requestReason ?? '')) {
    throw badInput(`限时流动仅限以下事由申请：${rule.onRequestFor.join('、')}`, 'requestReason');
  }
  const person = await requireOwnPerson(ctx, account, input.personId);
  const eligibility = await windowEligibility(ctx, person._id);
  if (!eligibility.ok) throw conflict(eligibility.reason);
  const start = ctx.now;
  const doc: MovementWindowDoc = {
    _id: eligibility.id,
    personId: person._id,
    accountId: account._id,
    yellowEventId: eligibility.yellowEventId,
    reportId: eligibility.code.reportId,
    clause: eligibility.code.decision.clause,
    hours: input.hours,
    from,
    to,
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + input.hours * HOUR_MS).toISOString(),
    createdAt: start.toISOString(),
  };
  try {
    await ctx.store.insert('movementWindows', doc);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
    const winner = await ctx.store.get('movementWindows', doc._id);
    throw conflict(winner ? usedReason(winner) : '每次赋黄码只有一次申请限时流动的机会，不能再次申请');
  }
  return { window: windowView(ctx, doc, ctx.now) };
}

/** The person's newest window, open or not (for history and the used chance). */
async function latestWindow(ctx: ServiceContext, personId: string): Promise<MovementWindowDoc | null> {
  const [doc] = await ctx.store.find('movementWindows', { where: { personId }, orderBy: [['startAt', 'desc']], limit: 1 });
  return doc ?? null;
}

/**
 * The person's open window at ctx.now, or null. Read by the code page and by checkpoints (a window
 * ends by itself: it is open only while its end time is ahead of the clock — no job closes it).
 */
export async function openWindowOf(ctx: ServiceContext, personId: string): Promise<MovementWindowView | null> {
  const doc = await latestWindow(ctx, personId);
  return doc && isOpen(doc, ctx.now) ? windowView(ctx, doc, ctx.now) : null;
}

/**
 * Ends the person's open window. Retries are decided by the request id, not by the state: the same
 * request again (its answer was lost) finds the window it cancelled and gets that answer, writing
 * nothing; a different request with nothing open is a new cancel of nothing, and gets NOT_FOUND. The
 * window is looked for among the person's windows, not just the newest: a late retry after a new
 * window opened must not cancel that one.
 */
export async function cancelWindow(ctx: ServiceContext, requestId: string, personId?: string): Promise<{ window: MovementWindowView }> {
  const account = await requireAccount(ctx);
  const person = await requireOwnPerson(ctx, account, personId);
  const windows = await windowsOf(ctx, person._id);
  const done = windows.find((w) => w.cancelRequestId === requestId);
  if (done) return { window: windowView(ctx, done, ctx.now) };
  const doc = windows[0];
  if (!doc || !isOpen(doc, ctx.now)) throw notFound('您没有正在进行的限时流动');
  const cancelledAt = ctx.now.toISOString();
  await ctx.store.update('movementWindows', doc._id, { cancelledAt, cancelRequestId: requestId });
  return { window: windowView(ctx, { ...doc, cancelledAt, cancelRequestId: requestId }, ctx.now) };
}

/** Every window of the person, newest first (for the history). */
export function windowsOf(ctx: ServiceContext, personId: string): Promise<MovementWindowDoc[]> {
  return ctx.store.find('movementWindows', { where: { personId }, orderBy: [['startAt', 'desc']], limit: 50 });
}
