// The core of dispatch for ONE function: validate the call against that function's schemas, run the
// action, answer with the contract's ApiResult. It imports no other function's handlers or schemas,
// so a cloud function bundles only its own actions (dispatch.ts serves the whole table locally).
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import { AppError, badInput } from '../errors';
import type { ServiceContext } from '../services/context';
import { check } from './validate';
import { audit } from '../staff/audit';
import { applyPolicyInForce } from '../services/policy-in-force';

type AnyHandlers = Record<string, (ctx: ServiceContext, input: never) => unknown>;

export async function runAction(
  fn: string,
  actions: Record<string, TSchema>,
  handlers: AnyHandlers,
  call: unknown,
  ctx: ServiceContext,
): Promise<ApiResult<unknown>> {
  try {
    if (typeof call !== 'object' || call === null || Array.isArray(call)) throw badInput('请求内容应为JSON对象');
    const action = (call as { action?: unknown }).action;
    if (typeof action !== 'string' || !Object.hasOwn(actions, action)) {
      throw badInput(`未知的操作，可用的操作：${Object.keys(actions).join('、')}`, 'action');
    }
    const input = check<{ action: string }>(actions[action]!, call);
    // The policy version in force today (issue 11): adapters pass the built-in one.
    await applyPolicyInForce(ctx);
    const handler = handlers[action]! as (c: ServiceContext, i: unknown) => unknown;
    // One transaction per action where the store can hold a whole one (SQLite): a crash leaves none of
    // its writes. A refusal (AppError) commits: what was written before it (a log line, an audit, a
    // rate-limit slot) is meant to stay. CloudBase's runTransaction refuses queries, so there actions
    // are ordered and idempotent instead.
    const run = async (): Promise<{ data: unknown } | { refused: AppError }> => {
      try {
        return { data: await handler(ctx, input) };
      } catch (e) {
        if (e instanceof AppError) return { refused: e };
        throw e;
      }
    };
    const outcome = await (ctx.store.transactionScope === 'action' ? ctx.store.transaction!(run) : run());
    if ('refused' in outcome) throw outcome.refused;
    return { ok: true, data: outcome.data };
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') await auditRefusal(fn, call, e, ctx);
    return errorResult(fn, e);
  }
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
