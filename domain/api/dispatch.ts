// The one entry point of every cloud function and of the local host: validate the call, run the
// action, and answer with the contract's ApiResult. It never throws and never leaks internals.
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import { API, type FunctionName } from '../../types/api';
import { AppError, badInput } from '../errors';
import type { ServiceContext } from '../services/context';
import { check } from './validate';
import { HANDLERS } from './functions';

export const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(API, name);

export async function dispatch(fn: string, call: unknown, ctx: ServiceContext): Promise<ApiResult<unknown>> {
  try {
    if (!isFunctionName(fn)) throw new AppError('NOT_FOUND', `没有名为 ${fn.slice(0, 40)} 的服务`);
    if (typeof call !== 'object' || call === null || Array.isArray(call)) throw badInput('请求内容应为JSON对象');
    const action = (call as { action?: unknown }).action;
    const actions = API[fn] as Record<string, TSchema>;
    if (typeof action !== 'string' || !Object.hasOwn(actions, action)) {
      throw badInput(`未知的操作，可用的操作：${Object.keys(actions).join('、')}`, 'action');
    }
    const input = check<{ action: string }>(actions[action]!, call);
    const handler = (HANDLERS[fn] as Record<string, (c: ServiceContext, i: unknown) => unknown>)[action]!;
    return { ok: true, data: await handler(ctx, input) };
  } catch (e) {
    if (e instanceof AppError) {
      return { ok: false, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
    }
    console.error(`[${fn}] internal error`, e);
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后重试' } };
  }
}
