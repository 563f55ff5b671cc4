// A small @tarojs/taro for jsdom. request() and cloud.callFunction() answer with the same shapes
// as the real ones ({ statusCode, data, header } / { result, errMsg }), from an in-test API stub.
import { useEffect } from 'react';

type Json = Record<string, unknown>;
/** Answers one API call: return an ApiResult (sent with the matching HTTP status), or throw to simulate a network failure. */
export type ApiHandler = (fn: string, data: Json) => unknown | Promise<unknown>;

const STATUS: Record<string, number> = { BAD_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500 };

let handler: ApiHandler = () => {
  throw new Error('no API handler set for this test');
};
export const calls: Array<{ fn: string; data: Json }> = [];
const storage = new Map<string, unknown>();

export function setApiHandler(h: ApiHandler): void {
  handler = h;
}

export function resetTaroMock(): void {
  calls.length = 0;
  storage.clear();
  handler = () => {
    throw new Error('no API handler set for this test');
  };
  for (const fn of Object.values(navigation)) fn.mockClear();
}

async function answer(fn: string, data: Json): Promise<unknown> {
  calls.push({ fn, data: JSON.parse(JSON.stringify(data)) as Json });
  return handler(fn, data);
}

async function request(opts: { url: string; method?: string; data?: Json }) {
  const m = /^\/api\/(\w+)$/.exec(opts.url);
  if (!m) throw { errMsg: `request:fail no route for ${opts.url}` };
  let result: unknown;
  try {
    result = await answer(m[1]!, opts.data ?? {});
  } catch {
    throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
  }
  const r = result as { ok?: boolean; error?: { code?: string } };
  const statusCode = r.ok === false ? (STATUS[r.error?.code ?? ''] ?? 500) : 200;
  return { statusCode, data: result, header: { 'content-type': 'application/json' }, cookies: [], errMsg: 'request:ok' };
}

const cloud = {
  init: jest.fn(),
  async callFunction(opts: { name: string; data: Json }) {
    try {
      return { result: await answer(opts.name, opts.data), errMsg: 'cloud.callFunction:ok', requestID: 'test' };
    } catch {
      throw { errMsg: 'cloud.callFunction:fail network' };
    }
  },
};

export const navigation = {
  navigateTo: jest.fn(async (_: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: jest.fn(async (_: { url: string }) => ({ errMsg: 'redirectTo:ok' })),
  reLaunch: jest.fn(async (_: { url: string }) => ({ errMsg: 'reLaunch:ok' })),
  navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' })),
};

/** Runs once on mount: the page is shown when it is rendered. */
export function useDidShow(cb: () => void): void {
  useEffect(() => cb(), []); // eslint-disable-line react-hooks/exhaustive-deps
}
/** The page's query: none in these tests. */
export function useRouter(): { params: Record<string, string | undefined> } {
  return { params: {} };
}
export function useLaunch(cb: () => void): void {
  useEffect(() => cb(), []); // eslint-disable-line react-hooks/exhaustive-deps
}

const Taro = {
  request,
  cloud,
  ...navigation,
  getCurrentPages: () => [{ route: 'pages/code/index' }],
  getExtConfigSync: () => ({}),
  getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(JSON.stringify(storage.get(key))) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT', QQ: 'QQ', JD: 'JD', HARMONY: 'HARMONY' },
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  pxTransform: (n: number) => `${n / 2}px`,
  nextTick: (cb: () => void) => setTimeout(cb, 0),
  createSelectorQuery: () => {
    const q = { select: () => q, selectAll: () => q, boundingClientRect: () => q, exec: (cb?: (r: unknown[]) => void) => cb?.([]) };
    return q;
  },
  useDidShow,
  useLaunch,
  useRouter,
  useDidHide: () => undefined,
  useReady: (cb: () => void) => useEffect(() => cb(), []), // eslint-disable-line react-hooks/exhaustive-deps
};

export const { getEnv, ENV_TYPE, getSystemInfoSync, pxTransform, nextTick, createSelectorQuery, getWindowInfo, getCurrentPages } = Taro;
export { request, cloud };
export default Taro;
