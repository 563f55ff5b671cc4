// The policy in force on a day (issue 11): the latest scheduled version whose effective date has come
// (00:00 Asia/Shanghai), else the built-in file. Kept apart from ./policy-versions.ts so every cloud
// function can carry it lightly: one small read per call, the file parsed once per version.
import { checkPolicy, hechiPolicy } from '../policy';
import type { Policy } from '../policy/types';
import type { PolicyVersionDoc } from '../store/collections';
import type { LocalDate } from '../../types/model';
import { localDate, startOfLocalDay } from '../time';
import type { ServiceContext } from './context';

// Parsed and checked once per instance, store and version (a version is never edited, so never stale).
const parsedByStore = new WeakMap<object, Map<string, Policy>>();
/**
 * The version in force on a day that has begun never changes: a version is scheduled only for a later
 * day and withdrawn only before its day. So once read, a day's answer is kept (per store) and a call
 * costs no read at all; a new day asks the store once.
 */
const inForceByStore = new WeakMap<object, Map<LocalDate, string | null>>();
const KEPT_DAYS = 8;
const SETTLE_MS = 5 * 60_000;

export async function bodyOf(ctx: Pick<ServiceContext, 'store'>, id: string): Promise<Policy> {
  let parsed = parsedByStore.get(ctx.store);
  if (!parsed) parsedByStore.set(ctx.store, (parsed = new Map()));
  const cached = parsed.get(id);
  if (cached) return cached;
  const body = await ctx.store.get('policyBodies', id);
  if (!body) throw new Error(`policy version ${id} has no body`);
  const policy = JSON.parse(body.text) as Policy;
  const problems = checkPolicy(policy);
  // Checked when scheduled; a stored file that no longer passes (a newer checker) must stop, not guess.
  if (problems.length) throw new Error(`policy version ${id} no longer passes its checks: ${problems[0]}`);
  parsed.set(id, policy);
  return policy;
}

/** The version in force on a day (Asia/Shanghai): the latest scheduled one whose date has come, else the built-in. */
export async function versionOn(ctx: Pick<ServiceContext, 'store'>, date: LocalDate): Promise<PolicyVersionDoc | null> {
  const [doc] = await ctx.store.find('policyVersions', {
    where: { status: 'scheduled', effectiveDate: { $lte: date } },
    orderBy: [['effectiveDate', 'desc']],
    limit: 1,
  });
  return doc ?? null;
}

export async function policyOfVersion(ctx: Pick<ServiceContext, 'store'>, id: string | null, builtin: Policy = hechiPolicy): Promise<Policy> {
  return id ? bodyOf(ctx, id) : builtin;
}

/**
 * Puts the policy in force at ctx.now into ctx.policy (the adapters pass the built-in one). One small
 * read per call; the file is parsed once per version.
 */
export async function applyPolicyInForce(ctx: ServiceContext): Promise<ServiceContext> {
  // The adapter's (built-in) policy is remembered, so a context used again on a later day is right too.
  const builtin = BUILTIN.get(ctx) ?? ctx.policy;
  BUILTIN.set(ctx, builtin);
  const today = localDate(ctx.now);
  let days = inForceByStore.get(ctx.store);
  if (!days) inForceByStore.set(ctx.store, (days = new Map()));
  let id = days.get(today);
  if (id === undefined) {
    id = (await versionOn(ctx, today))?._id ?? null;
    // Not in a day's first minutes: another instance's clock may still be on the day before, where a
    // withdrawal is allowed.
    if (ctx.now.getTime() - startOfLocalDay(today).getTime() >= SETTLE_MS) {
      if (days.size >= KEPT_DAYS) days.delete(days.keys().next().value!);
      days.set(today, id);
    }
  }
  ctx.policy = id ? await bodyOf(ctx, id) : builtin;
  return ctx;
}

const BUILTIN = new WeakMap<ServiceContext, Policy>();

