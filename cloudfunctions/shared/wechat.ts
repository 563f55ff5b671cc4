// The one WeChat adapter every cloud function bundles: identity from the cloud context, the
// CloudBase store, and the same dispatch the local host runs. Only imported by cloud functions
// (never in local mode, where initialising wx-server-sdk fails without cloud credentials).
import cloud from 'wx-server-sdk';
import type { ApiResult } from '../../types/contract';
import type { FunctionName } from '../../types/api';
import { dispatch } from '../../domain/api/dispatch';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import { createCloudBaseStore, type CloudDatabase } from '../../adapters/cloudbase';
import { createCloudFileStore, type CloudStorageSdk } from '../../adapters/files-cloud';
import type { Store } from '../../domain/store/port';
import type { ServiceContext } from '../../domain/services/context';

// The function's own environment, whichever it is deployed to (typed as a symbol by the SDK).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

let store: Store | undefined;
let ready: Promise<void> | undefined;

/** The environment this function needs; absent settings are an error, never a silent default. */
function tokenSecret(): string | null {
  const secret = process.env.TOKEN_SECRET;
  return secret && secret.length >= 32 ? secret : null;
}

async function readyStore(): Promise<Store> {
  store ??= createCloudBaseStore(cloud.database() as unknown as CloudDatabase);
  ready ??= store.migrate();
  await ready;
  return store;
}

/**
 * A scheduled job (a timer trigger in the function's config.json). It runs with no identity and
 * refuses calls from the app: those carry an OPENID, a timer never does.
 */
export function wechatJob(name: string, job: (ctx: ServiceContext) => Promise<unknown>) {
  return async (): Promise<ApiResult<unknown>> => {
    if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '定时任务不能由用户调用' } };
    const ctx: ServiceContext = {
      store: await readyStore(),
      files: createCloudFileStore(cloud as unknown as CloudStorageSdk),
      now: new Date(),
      identity: null,
      policy: hechiPolicy,
      divisions: divisions(),
      tokenSecret: tokenSecret() ?? '',
    };
    const data = await job(ctx);
    console.log(`job ${name}:`, JSON.stringify(data));
    return { ok: true, data };
  };
}

export function wechatFunction(name: FunctionName) {
  return async (event: Record<string, unknown>): Promise<ApiResult<unknown>> => {
    const secret = tokenSecret();
    if (!secret) {
      console.error(`cloud function ${name}: TOKEN_SECRET is not set (32+ characters)`);
      return { ok: false, error: { code: 'INTERNAL', message: '服务配置不完整，请联系管理员' } };
    }
    const store = await readyStore();
    const { OPENID } = cloud.getWXContext();
    // The platform adds `userInfo` to every call; it is not part of the action's fields.
    const { userInfo: _platform, ...call } = event;
    return dispatch(name, call, {
      store,
      files: createCloudFileStore(cloud as unknown as CloudStorageSdk),
      now: new Date(),
      identity: OPENID ? { accountId: OPENID, enrollOnFirstUse: true } : null,
      policy: hechiPolicy,
      divisions: divisions(),
      tokenSecret: secret,
    });
  };
}
