// The core of dispatch for ONE function: validate the call against that function's schemas, run the
// action, answer with the contract's ApiResult. It imports no other function's handlers or schemas,
// so a cloud function bundles only its own actions (dispatch.ts serves the whole table locally).
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import { AppError, badInput } from '../errors';
import type { ServiceContext } from '../services/context';
import { check } from './validate';

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
    const handler = handlers[action]! as (c: ServiceContext, i: unknown) => unknown;
    return { ok: true, data: await handler(ctx, input) };
  } catch (e) {
    return errorResult(fn, e);
  }
}

export function errorResult(fn: string, e: unknown): ApiResult<unknown> {
  if (e instanceof AppError) {
    return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  }
  console.error(`[${fn}] internal error`, e);
  return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
}
