// The local host as a Fastify plugin app: `POST /api/<function>` runs the same dispatch as the cloud
// functions; in local mode it also signs people in as demo accounts and serves the H5 build.
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
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
import { clearedSessionCookie, endSession, sessionAccount, startSession } from './session';
import { CONNECTION_LIMITS, capConnections, inlineScriptHashes, securityHeaders, serverOptions, type ConnectionLimits } from './hardening';
import { CLOCK_BANNER_JS, CLOCK_BANNER_PATH, withClockBanner } from './clock-banner';
import { DEMO_ACCOUNTS, DEMO_BUREAU } from './seed';
import { acceptUpload, ownedFiles } from '../domain/files/uploads';
import { takeSlot } from '../domain/services/rate-limit';
import { audit } from '../domain/staff/audit';
import { AppError } from '../domain/errors';
import { nameProblem } from '../domain/validate/names';

export interface HostOptions {
  store: Store;
  /** Local uploads; `save` keeps a file posted to /local/upload and returns its id. */
  files: FileStore;
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
  /** Timeouts and connection caps (tests pass small ones). */
  limits?: Partial<ConnectionLimits>;
  /** Sessions expire by this clock: the real one (tests move `clock` by days). Default: system time. */
  sessionClock?: Clock;
  /** Served over HTTPS (directly or behind a proxy): session cookies get `Secure`. */
  secureCookies?: boolean;
  /** Rate limits per account and action; off only for a local benchmark (RATE_LIMITS=off). */
  rateLimits?: boolean;
}

const DEMO_IDS = new Set(DEMO_ACCOUNTS.map((a) => a._id));

/** Answers smaller than two full TCP segments (MSS 1460 on Ethernet) go uncompressed. */
export const COMPRESS_THRESHOLD_BYTES = 2 * 1460;

/** Uploads beyond this are refused at the door; each service applies its own, smaller limit. */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

function fail(code: keyof typeof HTTP_STATUS, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

export async function buildHost(options: HostOptions): Promise<FastifyInstance> {
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, ...serverOptions(limits) });
  capConnections(app, limits);
  const indexHtml = options.staticDir && existsSync(join(options.staticDir, 'index.html')) ? readFileSync(join(options.staticDir, 'index.html'), 'utf8') : null;
  securityHeaders(app, indexHtml ? inlineScriptHashes(indexHtml) : []);
  // Compressed answers (br/gzip) when the browser accepts them: the H5 bundle is a quarter of its
  // size on the wire, which a slow phone network feels first. An answer that fits in two packets is
  // sent as it is: compressing it saves one packet at most (it all arrives in the first round trip
  // anyway) and cost the host ~0.2 ms of CPU per answer, a fifth of a report submission.
  await app.register(compress, { global: true, threshold: COMPRESS_THRESHOLD_BYTES, encodings: ['br', 'gzip'] });

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

  const sessionNow = options.sessionClock ?? (() => new Date());
  const accountOf = async (request: FastifyRequest): Promise<string | null> => {
    const id = await sessionAccount(options.store, request.headers.cookie, options.cookieSecret, sessionNow());
    // Production mode has no demo accounts: a session of one (from an earlier local run) is refused.
    return id && !options.local && DEMO_IDS.has(id) ? null : id;
  };
  const secure = (request: FastifyRequest) => Boolean(options.secureCookies) || request.protocol === 'https';
  const contextFor = (accountId: string | null): ServiceContext => {
    const at = now();
    const real = options.clock();
    return {
      store: options.store,
      files: ownedFiles(options.files, options.store, accountId, at),
      now: at,
      // Audit entries keep the real time beside the demo time while the demo clock is moved.
      ...(at.getTime() !== real.getTime() ? { realNow: real } : {}),
      identity: accountId ? { accountId, enrollOnFirstUse: false } : null,
      policy: options.policy,
      divisions: options.divisions,
      tokenSecret: options.tokenSecret,
      ...(options.rateLimits === false ? { rateLimits: false } : {}),
    };
  };
  const failure = (reply: { status(n: number): { send(b: unknown): unknown } }, e: unknown) => {
    if (e instanceof AppError) return reply.status(HTTP_STATUS[e.code]).send(fail(e.code, e.message));
    throw e;
  };

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const ctx = contextFor(await accountOf(request));
    const result = await dispatch(request.params.fn, request.body ?? null, ctx);
    return reply.status(result.ok ? 200 : HTTP_STATUS[result.error.code]).send(result);
  });

  if (options.local) {
    // Local stand-in for wx.cloud.uploadFile: the app posts the file, the answer is its file id.
    await app.register(multipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 } });
    app.post('/local/upload', async (request, reply) => {
      const accountId = await accountOf(request);
      if (!accountId) return reply.status(401).send(fail('UNAUTHENTICATED', '请先登录'));
      if (!request.isMultipart()) return reply.status(400).send(fail('BAD_INPUT', '请以表单方式上传文件'));
      // A part that is not a file (no filename) is answered like no file at all.
      const file = await request.file().catch(() => undefined);
      if (!file || file.type !== 'file') return reply.status(400).send(fail('BAD_INPUT', '没有收到文件'));
      const bytes = await file.toBuffer().catch(() => null);
      if (!bytes || file.file.truncated) {
        return reply.status(413).send(fail('BAD_INPUT', `文件不能超过${UPLOAD_LIMIT_BYTES / 1024 / 1024}MB`));
      }
      try {
        const kept = await acceptUpload(contextFor(accountId), options.files, accountId, bytes, file.filename || undefined);
        return { ok: true, data: { fileId: kept.fileId, size: kept.size } };
      } catch (e) {
        return failure(reply, e);
      }
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
      try {
        await takeSlot(contextFor(null), 'signin', account._id);
      } catch (e) {
        return failure(reply, e);
      }
      reply.header('set-cookie', await startSession(options.store, account._id, options.cookieSecret, sessionNow(), secure(request)));
      return { ok: true, data: { account: { id: account._id, role: account.role, name: account.name } } };
    });
    // Local sign-up: a new resident account from the sign-in page, so a demo or a pilot is not limited
    // to the seeded four. Local mode only; on WeChat the account is the person's WeChat identity.
    app.post<{ Body: { name?: unknown } }>('/local/signup', async (request, reply) => {
      const name = typeof request.body?.name === 'string' ? request.body.name.trim() : '';
      const problem = nameProblem(name);
      if (problem) return reply.status(400).send({ ok: false, error: { code: 'BAD_INPUT', message: problem, field: 'name' } });
      try {
        await takeSlot(contextFor(null), 'signin', `signup:${request.ip}`);
      } catch (e) {
        return failure(reply, e);
      }
      const account = { _id: `local-${randomUUID()}`, role: 'resident' as const, name, createdAt: now().toISOString() };
      await options.store.insert('accounts', account);
      reply.header('set-cookie', await startSession(options.store, account._id, options.cookieSecret, sessionNow(), secure(request)));
      return { ok: true, data: { account: { id: account._id, role: account.role, name: account.name } } };
    });
    app.get('/local/clock', async () => ({ ok: true, data: { now: now().toISOString(), offsetDays: clock!.offsetDays() } }));
    // Only the Bureau's demo account moves the one clock everyone's codes are computed by; every move
    // and every refused attempt is in the audit log.
    app.post<{ Body: { offsetDays?: unknown } }>('/local/clock', async (request, reply) => {
      const accountId = await accountOf(request);
      if (!accountId) return reply.status(401).send(fail('UNAUTHENTICATED', '请先登录'));
      const account = await options.store.get('accounts', accountId);
      const ctx = contextFor(accountId);
      if (!account || accountId !== DEMO_BUREAU) {
        if (account) await audit(ctx, account, { action: 'clock.move', target: 'clock', after: { refused: true }, reason: '仅市大数据发展局演示账号可调整演示时钟' });
        return reply.status(403).send(fail('FORBIDDEN', '只有市大数据发展局的演示账号可以调整演示时钟'));
      }
      const days = request.body?.offsetDays;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
        return reply.status(400).send(fail('BAD_INPUT', '「offsetDays」应为0到365之间的整数'));
      }
      const before = clock!.offsetDays();
      clock!.setOffsetDays(days);
      await audit(contextFor(accountId), account, { action: 'clock.move', target: 'clock', before: { offsetDays: before }, after: { offsetDays: days } });
      return { ok: true, data: { now: now().toISOString(), offsetDays: days } };
    });
    app.get(CLOCK_BANNER_PATH, async (_request, reply) => reply.type('application/javascript; charset=utf-8').send(CLOCK_BANNER_JS));
    app.post('/local/signout', async (request, reply) => {
      await endSession(options.store, request.headers.cookie, options.cookieSecret, sessionNow());
      reply.header('set-cookie', clearedSessionCookie(secure(request)));
      return { ok: true, data: {} };
    });
  }

  if (options.staticDir && existsSync(options.staticDir)) {
    // The page itself is served from memory: in local mode with the demo clock's banner script.
    if (indexHtml) {
      const page = options.local ? withClockBanner(indexHtml) : indexHtml;
      for (const url of ['/', '/index.html']) app.get(url, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
    }
    await app.register(fastifyStatic, {
      root: options.staticDir,
      prefix: '/',
      index: false,
      wildcard: true,
      cacheControl: false, // set below, per file
      // Scripts and styles carry their content hash in the name: the browser keeps them for a year
      // and never asks again; anything else is checked each time.
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /\.[0-9a-f]{8,}\.(js|css)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}
