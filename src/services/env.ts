// Where the app runs and which WeChat cloud env it talks to.
import Taro from '@tarojs/taro';

export const isWeapp = process.env.TARO_ENV === 'weapp';
export const isH5 = process.env.TARO_ENV === 'h5';

/** Build-time constant; guarded so tests and tools without the define still load this module. */
const builtEnv: string = typeof CLOUD_ENV === 'string' ? CLOUD_ENV : '';

export const NO_CLOUD_ENV_MESSAGE =
  '未配置云开发环境（CLOUD_ENV），无法连接服务。请设置 CLOUD_ENV 后重新构建小程序。';

/**
 * The cloud env id: the one baked in at build time, else one given by a platform deployment in
 * ext.json (`cloudEnv`). '' means not configured: callers must say so, never fail silently.
 */
export function cloudEnvId(): string {
  if (builtEnv) return builtEnv;
  try {
    const ext = Taro.getExtConfigSync?.() as { cloudEnv?: unknown } | undefined;
    if (ext && typeof ext.cloudEnv === 'string') return ext.cloudEnv;
  } catch {
    // No ext.json: fall through to "not configured".
  }
  return '';
}

let cloudReady = false;

/** Initialise wx.cloud once; false when no env id is configured. */
export function ensureCloud(): boolean {
  if (cloudReady) return true;
  const env = cloudEnvId();
  if (!env) return false;
  Taro.cloud.init({ env, traceUser: true });
  cloudReady = true;
  return true;
}
