// The one entry point of the local host (and of tests): validate the call, run the action, and answer
// with the contract's ApiResult. It never throws and never leaks internals. Cloud functions call
// runAction with their own function's table only (cloudfunctions/shared/wechat.ts), so they stay light.
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import { API, RULES, type FunctionName } from '../../types/api';
import type { AnyRule } from '../../types/api/actions';
import { AppError } from '../errors';
import type { ServiceContext } from '../services/context';
import { HANDLERS } from './functions';
import { errorResult, runAction } from './run-action';

export const isFunctionName = (name: string): name is FunctionName => Object.hasOwn(API, name);

export async function dispatch(fn: string, call: unknown, ctx: ServiceContext): Promise<ApiResult<unknown>> {
  if (!isFunctionName(fn)) return errorResult(fn, new AppError('NOT_FOUND', `没有名为 ${fn.slice(0, 40)} 的服务`));
  return runAction(fn, API[fn] as Record<string, TSchema>, HANDLERS[fn] as never, call, ctx, RULES[fn] as Record<string, AnyRule>);
}
