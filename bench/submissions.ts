// Report submissions through the local host (issue 10: one transaction per action should lift them
// to 2,000/s with p99 < 50 ms). Used by bench/index.ts; `npx tsx bench/submissions.ts [runs]` runs it
// alone against its own host, which is how to measure it on a shared machine without the whole bench.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addDays } from '../domain/time';
import { PLACES, reportInput } from '../test/support/reports';
import { createSqliteStore } from '../adapters/sqlite';
import { dispatch } from '../domain/api/dispatch';
import { divisions } from '../domain/divisions';
import { hechiPolicy } from '../domain/policy';
import type { ServiceContext } from '../domain/services/context';
import type { Store } from '../domain/store/port';
import { LOAD_CLIENT, load, type LoadResult } from './load';
import { freePort, startServer, stop } from './processes';

/**
 * Submissions a host serves before it is warm: V8 takes about this many requests to optimise the hot
 * paths. Measured on a fresh host, per 1,000 submissions: 0.9-1.0 ms of host CPU per request in the
 * first, 0.45-0.75 in the next two, 0.30-0.32 from the sixth on.
 */
export const WARM_AFTER = 5000;

export interface SubmissionRuns {
  /** 3,000 submissions right after a 200-request warm-up: a host just started. */
  cold: LoadResult;
  /** 3,000 more once WARM_AFTER have been served: a host in steady state (the goal's figure). */
  warm: LoadResult;
}

/** Times 3,000 new reports from one account on a host just started, then again once it is warm. */
export async function reportSubmissions(base: string, cookie: string, concurrency: number): Promise<SubmissionRuns> {
  const now = new Date();
  const submit = (total: number) =>
    load({
      url: `${base}/api/report`,
      total,
      concurrency,
      headers: { cookie },
      body: (i) =>
        reportInput(now, {
          requestId: randomUUID(),
          itinerary: [{ townCode: i % 2 ? PLACES.nanguanTown : PLACES.nanningTown, departDate: addDays(reportInput(now).arrivalDate, 0) }],
        }),
    });
  const firstWarmup = 200;
  const measured = 3000;
  await submit(firstWarmup);
  const cold = await submit(measured);
  await submit(WARM_AFTER - firstWarmup - measured);
  const warm = await submit(measured);
  return { cold, warm };
}

/** The bench's line for both runs; the goal is 2,000/s with p99 < 50 ms, warm. */
export function submissionsLine(r: SubmissionRuns): string {
  const one = (l: LoadResult) => `${l.perSecond.toFixed(0)} req/s, p50 ${l.p50ms.toFixed(2)} ms, p99 ${l.p99ms.toFixed(2)} ms (${l.requests} requests, ${l.failures} failed)`;
  return `warm (after ${WARM_AFTER.toLocaleString('en')} served) ${one(r.warm)}; just started (after 200) ${one(r.cold)}`;
}

/**
 * report.submit straight through dispatch on a SQLite file, 8 at a time, without HTTP: each write
 * committed by itself (as before issue 10) against one transaction per action — the transaction's
 * own effect, measured side by side in one process.
 */
export async function inProcessSubmissions(total = 2000): Promise<{ perWrite: number; perAction: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'saoma-submit-'));
  try {
    const rate = async (perAction: boolean) => {
      const store = createSqliteStore(join(dir, `${perAction ? 'action' : 'write'}.db`));
      await store.migrate();
      // Hiding transactionScope makes dispatch run the action without a transaction.
      const used: Store = perAction ? store : Object.create(store, { transactionScope: { value: undefined } });
      const now = new Date();
      let n = 0;
      const submit = async () => {
        const ctx: ServiceContext = { store: used, files: null as never, now, identity: { accountId: `bench_${n++ % 50}`, enrollOnFirstUse: true }, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(40), rateLimits: false };
        const res = await dispatch('report', reportInput(now, { requestId: randomUUID() }), ctx);
        if (!res.ok) throw new Error(JSON.stringify(res.error));
      };
      for (let i = 0; i < 300; i++) await submit();
      let left = total;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (left-- > 0) await submit();
      }));
      const perSecond = total / ((performance.now() - t0) / 1000);
      await store.close();
      return perSecond;
    };
    const perWrite = await rate(false);
    const perAction = await rate(true);
    return { perWrite, perAction };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const inProcessLine = (r: { perWrite: number; perAction: number }) =>
  `report.submit in-process over SQLite (dispatch, no HTTP, 8 concurrent): ${r.perWrite.toFixed(0)}/s with a commit per write, ${r.perAction.toFixed(0)}/s with one transaction per action`;

async function main() {
  const runs = Number(process.argv[2] ?? 3);
  const root = resolve(__dirname, '..');
  for (let run = 1; run <= runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'saoma-submit-'));
    const port = await freePort();
    const host = await startServer(process.execPath, ['--import', 'tsx', join(root, 'host/main.ts')], { DATA_DIR: dataDir, PORT: String(port), RATE_LIMITS: 'off' }, `http://127.0.0.1:${port}/local/accounts`);
    try {
      const base = `http://127.0.0.1:${port}`;
      const signin = await fetch(`${base}/local/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: 'demo-arrival' }) });
      const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
      const r = await reportSubmissions(base, cookie, 8);
      console.log(inProcessLine(await inProcessSubmissions()));
      console.log(`run ${run} (${LOAD_CLIENT}, 8 concurrent): ${submissionsLine(r)}`);
    } finally {
      await stop(host);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1]?.endsWith('submissions.ts')) void main();
