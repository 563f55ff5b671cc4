// `npm start`: the whole system on one machine — H5 app, the cloud functions' handlers and an
// embedded SQLite database in DATA_DIR, seeded with demo data on first start.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSqliteStore } from '../adapters/sqlite';
import { createDiskFileStore } from '../adapters/files-disk';
import { hechiPolicy } from '../domain/policy';
import { divisions } from '../domain/divisions';
import { systemClock } from '../domain/time';
import { buildHost } from './app';
import { demoClock, type DemoClock } from './demo-clock';
import { loadSecrets } from './secrets';
import { seedIfEmpty } from './seed';
import { escalateOverdueAppeals } from '../domain/services/appeal';
import { continueRiskJobs } from '../domain/services/risk-job';
import { sweepUnreferencedUploads } from '../domain/files/uploads';

async function main() {
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  // Checkpoints in a worker thread: no request waits for the disk at a checkpoint (adapters/sqlite-checkpointer.ts).
  const store = createSqliteStore(join(dataDir, 'saoma.db'), { backgroundCheckpoints: true });
  await store.migrate();
  const places = divisions();
  const local = process.env.NODE_ENV !== 'production';
  // Production mode seeds nothing: no demo accounts, no sample list (and the host refuses demo sessions).
  if (local && (await seedIfEmpty(store, places, systemClock()))) console.log('seeded demo accounts and a sample risk-area list');

  const secrets = loadSecrets(dataDir);
  // Requests and jobs read one clock; in local mode it can be moved forward for demos.
  const clock = local ? demoClock(systemClock) : systemClock;
  const files = createDiskFileStore(join(dataDir, 'uploads'));
  const app = await buildHost({
    store,
    files,
    policy: hechiPolicy,
    divisions: places,
    clock,
    ...(local ? { demoClock: clock as DemoClock } : {}),
    ...secrets,
    local,
    staticDir: join(root, 'dist/h5'),
    secureCookies: process.env.COOKIE_SECURE === '1',
    // A benchmark run measures the host without the per-account limits; never in production.
    ...(local && process.env.RATE_LIMITS === 'off' ? { rateLimits: false } : {}),
  });
  await app.listen({ port, host });

  // The scheduled jobs WeChat runs on timer triggers: the same domain functions, every minute.
  const everyMinute = setInterval(() => {
    const ctx = { store, files, now: clock(), identity: null, policy: hechiPolicy, divisions: places, tokenSecret: secrets.tokenSecret };
    escalateOverdueAppeals(ctx).catch((e) => console.error('job appealSweep failed', e));
  }, 60_000);
  everyMinute.unref();
  // Publishing jobs (risk lists): the publish call works on its job for a moment, this loop carries it
  // on in bounded batches — what WeChat's riskJob timer trigger does there.
  let jobsBusy = false;
  const everyFewSeconds = setInterval(() => {
    if (jobsBusy) return;
    jobsBusy = true;
    const ctx = { store, files, now: clock(), identity: null, policy: hechiPolicy, divisions: places, tokenSecret: secrets.tokenSecret };
    continueRiskJobs(ctx, 1_000)
      .catch((e) => console.error('job riskJob failed', e))
      .finally(() => (jobsBusy = false));
  }, 2_000);
  everyFewSeconds.unref();
  // Uploads no action ever used are removed after a day (issue 13); by the real clock.
  const hourly = setInterval(() => {
    sweepUnreferencedUploads({ store, files, now: systemClock() }).catch((e) => console.error('job uploadSweep failed', e));
  }, 3_600_000);
  hourly.unref();
  console.log(`扫码抗疫情 local host: http://${host}:${port}/  (data in ${dataDir})`);

  const stop = async () => {
    clearInterval(everyMinute);
    clearInterval(everyFewSeconds);
    clearInterval(hourly);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
