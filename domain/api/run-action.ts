// The core of dispatch for ONE function: validate the call against that function's schemas, run the
// action, answer with the contract's ApiResult. It imports no other function's handlers or schemas,
// so a cloud function bundles only its own actions (dispatch.ts serves the whole table locally).
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import type { AnyRule } from '../../types/api/actions';
import { AppError, badInput, unauthenticated } from '../errors';
import type { ServiceContext } from '../services/context';
import { check } from './validate';
import { audit, type AuditDetail, type AuditTrail } from '../staff/audit';
import { requireStaff } from '../staff/authorize';
import type { AccountDoc } from '../store/collections';
import { applyPolicyInForce } from '../services/policy-in-force';

type AnyHandlers = Record<string, (ctx: ServiceContext, input: never) => unknown>;

export async function runAction(
  fn: string,
  actions: Record<string, TSchema>,
  handlers: AnyHandlers,
  call: unknown,
  ctx: ServiceContext,
  rules: Record<string, AnyRule>,
): Promise<ApiResult<unknown>> {
  try {
    if (typeof call !== 'object' || call === null || Array.isArray(call)) throw badInput('请求内容应为JSON对象');
    const action = (call as { action?: unknown }).action;
    if (typeof action !== 'string' || !Object.hasOwn(actions, action)) {
      throw badInput(`未知的操作，可用的操作：${Object.keys(actions).join('、')}`, 'action');
    }
    const input = check<Record<string, unknown> & { action: string }>(actions[action]!, call);
    const rule = rules[action];
    if (!rule) throw new Error(`${fn}.${action} has no declaration`);
    // Everything the declaration demands is checked before the handler can write anything.
    const actor = await admit(rule, input, ctx, actions[action]!);
    // The policy version in force today (issue 11): adapters pass the built-in one.
    await applyPolicyInForce(ctx);
    const audited = rule.who === 'staff' && !('none' in rule.audit) ? rule.audit : undefined;
    const trail: AuditTrail | undefined = audited ? { entries: [], retried: false } : undefined;
    const handler = handlers[action]! as (c: ServiceContext, i: unknown) => unknown;
    const write = async (entries: AuditDetail[]) => {
      if (!audited || !actor) return;
      const target = audited.target && typeof input[audited.target] === 'string' ? (input[audited.target] as string) : `${fn}.${action}`;
      const reason = audited.reason && typeof input[audited.reason] === 'string' ? (input[audited.reason] as string).trim() : undefined;
      for (const detail of entries) await audit(ctx, actor, { action: audited.action, target, ...(reason ? { reason } : {}), ...detail });
    };
    // One transaction per action where the store can hold a whole one (SQLite): a crash leaves none of
    // its writes, its audit entry included. A refusal (AppError) commits: what was written before it (a
    // log line, an audit, a rate-limit slot) is meant to stay. CloudBase's runTransaction refuses
    // queries, so there actions are ordered and idempotent instead.
    if (trail) trail.flush = write;
    const run = async (): Promise<{ data: unknown } | { refused: AppError }> => {
      let data: unknown;
      try {
        data = await handler(actor ? { ...ctx, actor, ...(trail ? { auditTrail: trail } : {}) } : ctx, input);
      } catch (e) {
        // What the service handed before it refused stays on record (a lookup of an unknown ID number).
        if (trail?.entries.length && !trail.written) await write(trail.entries);
        if (e instanceof AppError) return { refused: e };
        throw e;
      }
      // One entry from the declaration unless the service handed its own (one per person of a batch).
      if (trail && !trail.retried && !trail.written) await write(trail.entries.length ? trail.entries : [{}]);
      return { data };
    };
    const outcome = await (ctx.store.transactionScope === 'action' ? ctx.store.transaction!(run) : run());
    if ('refused' in outcome) throw outcome.refused;
    return { ok: true, data: outcome.data };
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') await auditRefusal(fn, call, e, ctx);
    return errorResult(fn, e);
  }
}

/** Identity, role and jurisdiction, and the retry key, as the action declares; the staff account for staff actions. */
async function admit(rule: AnyRule, input: Record<string, unknown>, ctx: ServiceContext, schema: TSchema): Promise<AccountDoc | undefined> {
  // The schema requires it (the completeness test checks), so this only guards a schema edited without the rule.
  if (rule.idempotency && typeof input[rule.idempotency] !== 'string') {
    const title = (schema.properties as Record<string, { title?: string }> | undefined)?.[rule.idempotency]?.title ?? rule.idempotency;
    throw badInput(`缺少「${title}」`, rule.idempotency);
  }
  if (rule.who === 'public') return undefined;
  // The account itself (enrolment, a disabled one) is read by the service that needs it.
  if (rule.who === 'signed-in') {
    if (!ctx.identity) throw unauthenticated();
    return undefined;
  }
  const scope = rule.scope;
  const place = !scope || 'loaded' in scope ? undefined : 'place' in scope ? scope.place : input[scope.field];
  return requireStaff(ctx, rule.permission, typeof place === 'string' ? place : undefined);
}

/** A refused attempt (403) is a security event: who tried which action, and why it was refused (issue 13). */
async function auditRefusal(fn: string, call: unknown, e: AppError, ctx: ServiceContext): Promise<void> {
  if (!ctx.identity) return;
  try {
    const account = await ctx.store.get('accounts', ctx.identity.accountId);
    if (!account) return;
    const action = String((call as { action?: unknown }).action).slice(0, 40);
    const target = ['reportId', 'id', 'personId', 'countyCode', 'divisionCode']
      .map((k) => (call as Record<string, unknown>)[k])
      .find((v): v is string => typeof v === 'string');
    await audit(ctx, account, { action: `refused:${fn}.${action}`, target: target ? target.slice(0, 100) : `${fn}.${action}`, reason: e.message });
  } catch (error) {
    console.error(`[${fn}] could not audit a refusal`, error);
  }
}

export function errorResult(fn: string, e: unknown): ApiResult<unknown> {
  if (e instanceof AppError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  }
  console.error(`[${fn}] internal error`, e);
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
}
