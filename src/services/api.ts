// The one client of the API contract (types/api.ts): wx.cloud in WeChat, POST /api/<fn> in H5.
// Only types are imported from types/: typebox must never enter the app bundle.
import Taro from '@tarojs/taro';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../types/api';
import type { ApiError, ErrorCode } from '../../types/contract';
import { ensureCloud, isWeapp, NO_CLOUD_ENV_MESSAGE } from './env';

/** Client-side failures the server never sends. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'NO_CLOUD_ENV';
export interface ClientError extends Omit<ApiError, 'code'> {
  code: ClientErrorCode;
}
export type ClientResult<T> = { ok: true; data: T } | { ok: false; error: ClientError };

export type { ActionOutput };

export const NETWORK_ERROR: ClientError = { code: 'NETWORK', message: '网络不可用，请稍后重试' };

const SIGNIN_PAGE = '/pages/signin/index';

function isApiResult(x: unknown): x is ClientResult<unknown> {
  if (!x || typeof x !== 'object') return false;
  const r = x as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'data' in r;
  return r.ok === false && !!r.error && typeof r.error.code === 'string' && typeof r.error.message === 'string';
}

const BAD_ANSWER: ClientError = { code: 'INTERNAL', message: '服务返回了无法识别的结果，请稍后重试' };

async function callCloud(name: string, data: object): Promise<ClientResult<unknown>> {
  if (!ensureCloud()) return { ok: false, error: { code: 'NO_CLOUD_ENV', message: NO_CLOUD_ENV_MESSAGE } };
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as Record<string, unknown> });
    return isApiResult(res.result) ? res.result : { ok: false, error: BAD_ANSWER };
  } catch {
    // wx.cloud rejects on transport failures (offline, timeout): the person can retry.
    return { ok: false, error: NETWORK_ERROR };
  }
}

function goToSignIn(): void {
  const pages = Taro.getCurrentPages?.() ?? [];
  const current = pages[pages.length - 1]?.route ?? '';
  // Already there: do not loop on the sign-in page's own calls.
  if (current && SIGNIN_PAGE.endsWith(current)) return;
  void Taro.redirectTo({ url: SIGNIN_PAGE }).catch(() => undefined);
}

async function callHttp(name: string, data: object): Promise<ClientResult<unknown>> {
  try {
    const res = await Taro.request({
      url: `/api/${name}`,
      method: 'POST',
      data,
      header: { 'content-type': 'application/json' },
      credentials: 'include',
    });
    if (res.statusCode === 401) goToSignIn();
    return isApiResult(res.data) ? res.data : { ok: false, error: BAD_ANSWER };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/** Call one action of one cloud function; never throws. */
export function callFunction<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  data: ActionInput<F, A> & { action: A },
): Promise<ClientResult<ActionOutput<F, A>>> {
  const call = isWeapp ? callCloud : callHttp;
  return call(fn, data) as Promise<ClientResult<ActionOutput<F, A>>>;
}
