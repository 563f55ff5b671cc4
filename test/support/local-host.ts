// A local host on a fresh SQLite file in a temp dir, with a clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createSqliteStore } from '../../adapters/sqlite';
import { createDiskFileStore } from '../../adapters/files-disk';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import type { Store } from '../../domain/store/port';
import { buildHost, type HostOptions } from '../../host/app';
import { seedIfEmpty } from '../../host/seed';

export interface TestHost {
  app: FastifyInstance;
  store: Store;
  clock: { now: Date };
  /** Signs in as a demo account and returns its session cookie header. */
  signIn(accountId: string): Promise<string>;
  call(fn: string, body: unknown, cookie?: string): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** `options` overrides the host's (limits, staticDir, production mode…) for the tests that need it. */
export async function startTestHost(now = new Date('2022-04-16T04:00:00Z'), options: Partial<HostOptions> = {}): Promise<TestHost & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'saoma-api-'));
  const store = createSqliteStore(join(dir, 'test.db'));
  await store.migrate();
  const clock = { now };
  await seedIfEmpty(store, divisions(), clock.now);
  const app = await buildHost({
    store,
    files: createDiskFileStore(join(dir, 'uploads')),
    policy: hechiPolicy,
    divisions: divisions(),
    clock: () => clock.now,
    tokenSecret: 'test-token-secret-test-token-secret',
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    local: true,
    ...options,
  });
  return {
    dir,
    app,
    store,
    clock,
    async signIn(accountId) {
      const res = await app.inject({ method: 'POST', url: '/local/signin', payload: { accountId } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
      const set = res.headers['set-cookie'];
      return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
    },
    async call(fn, body, cookie) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/${fn}`,
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.statusCode, json: res.json() };
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
