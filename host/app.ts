// The local host as a Fastify plugin app: `POST /api/<function>` runs the same dispatch as the cloud
// functions; in local mode it also signs people in as demo accounts and serves the H5 build.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { existsSync } from 'node:fs';
import { HTTP_STATUS, type ApiResult } from '../types/contract';
import { dispatch } from '../domain/api/dispatch';
import type { Store } from '../domain/store/port';
import type { FileStore } from '../domain/files/port';
import type { Policy } from '../domain/policy/types';
import type { Divisions } from '../domain/divisions';
import type { ServiceContext } from '../domain/services/context';
import type { Clock } from '../domain/time';
import { ROLE_LABELS } from '../domain/labels';
import { demoClock, type DemoClock } from './demo-clock';
import { clearedSessionCookie, sessionAccount, sessionCookie } from './session';

export interface HostOptions {
  store: Store;
  /** Local uploads; `save` keeps a file posted to /local/upload and returns its id. */
  files: FileStore & { save(bytes: Buffer, originalName: string): Promise<string> };
  policy: Policy;
  divisions: Divisions;
  clock: Clock;
  /** Local mode: the movable clock, when the caller shares it with its scheduled jobs. */
  demoClock?: DemoClock;
  tokenSecret: string;
  cookieSecret: string;
  /** Local mode: demo sign-in is on. Off in production mode. */
  local: boolean;
  /** The H5 build to serve at `/`, when present. */
  staticDir?: string;
  logger?: boolean;
}

/** Uploads beyond this are refused at the door; each service applies its own, smaller limit. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

function fail(code: keyof typeof HTTP_STATUS, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  // Whatever goes wrong before a handler (malformed JSON, a body too large, a wrong content type)
  // is still answered in the contract's shape, in Chinese.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send(fail('BAD_INPUT', '提交的内容过大，请精简后重试'));
    if (status === 415) return reply.status(400).send(fail('BAD_INPUT', '请求内容应为JSON'));
    if (status >= 400 && status < 500) return reply.status(400).send(fail('BAD_INPUT', '请求内容不是有效的JSON，请检查后重试'));
    app.log.error(error);
    return reply.status(500).send(fail('INTERNAL', '系统繁忙，请稍后重试'));
  });

  // Local mode: a clock that can be moved forward (the caller may pass its own, to share with its jobs).
  const clock = options.local ? (options.demoClock ?? demoClock(options.clock)) : null;
  const now = clock ?? options.clock;

  const accountOf = (request: FastifyRequest): string | null =>
    sessionAccount(request.headers.cookie, options.cookieSecret);

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const accountId = accountOf(request);
    const ctx: ServiceContext = {
      store: options.store,
      files: options.files,
      now: now(),
      identity: accountId ? { accountId, enrollOnFirstUse: false } : null,
      policy: options.policy,
      divisions: options.divisions,
      tokenSecret: options.tokenSecret,
    };
    const result = await dispatch(request.params.fn, request.body ?? null, ctx);
    return reply.status(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result);
  });

  if (options.local) {
    // Local stand-in for wx.cloud.uploadFile: the app posts the file, the answer is its file id.
    await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
    app.post('/local/upload', async (request, reply) => {
      if (!accountOf(request)) return reply.status(401).send(fail('UNAUTHENTICATED', '请先登录'));
      if (!request.isMultipart()) return reply.status(400).send(fail('BAD_INPUT', '请以表单方式上传文件'));
      const file = await request.file();
      if (!file) return reply.status(400).send(fail('BAD_INPUT', '没有收到文件'));
      const bytes = await file.toBuffer().catch(() => null);
      if (!bytes || file.file.truncated) {
        return reply.status(413).send(fail('BAD_INPUT', `文件不能超过${UPLOAD_LIMIT_BYTES / 1024 / 1024}MB`));
      }
      const fileId = await options.files.save(bytes, file.filename);
      return { ok: true, data: { fileId, size: bytes.length } };
    });
    app.get('/local/accounts', async () => {
      // Residents first, then staff in the order of ROLE_LABELS.
      const order = Object.keys(ROLE_LABELS);
      const accounts = (await options.store.find('accounts', { orderBy: [['_id', 'asc']], limit: 100 })).sort(
        (a, b) => order.indexOf(a.role) - order.indexOf(b.role),
      );
      return {
        ok: true,
        data: {
          accounts: accounts.map((a) => ({ id: a._id, role: a.role, name: a.name, roleLabel: ROLE_LABELS[a.role] })),
        },
      };
    });
    app.post<{ Body: { accountId?: unknown } }>('/local/signin', async (request, reply) => {
      const id = request.body?.accountId;
      const account = typeof id === 'string' ? await options.store.get('accounts', id) : null;
      if (!account) return reply.status(400).send(fail('BAD_INPUT', '请选择一个演示账号'));
      reply.header('set-cookie', sessionCookie(account._id, options.cookieSecret));
      return { ok: true, data: { account: { id: account._id, role: account.role, name: account.name } } };
    });
    app.get('/local/clock', async () => ({ ok: true, data: { now: now().toISOString(), offsetDays: clock!.offsetDays() } }));
    app.post<{ Body: { offsetDays?: unknown } }>('/local/clock', async (request, reply) => {
      const days = request.body?.offsetDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
        return reply.status(400).send(fail('BAD_INPUT', '「offsetDays」应为0到365之间的整数'));
      }
      clock!.setOffsetDays(days);
      return { ok: true, data: { now: now().toISOString(), offsetDays: days } };
    });
    app.post('/local/signout', async (_request, reply) => {
      reply.header('set-cookie', clearedSessionCookie);
      return { ok: true, data: {} };
    });
  }

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/' });
  }
  return app;
}
