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

async function main() {
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  mkdirSync(dataDir, { recursive: true });

  const store = createSqliteStore(join(dataDir, 'saoma.db'));
  await store.migrate();
  const places = divisions();
  if (await seedIfEmpty(store, places, systemClock())) console.log('seeded demo accounts and a sample risk-area list');

  const secrets = loadSecrets(dataDir);
  const local = process.env.NODE_ENV !== 'production';
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
  });
  await app.listen({ port, host });

  // The scheduled jobs WeChat runs on timer triggers: the same domain functions, every minute.
  const everyMinute = setInterval(() => {
    const ctx = { store, files, now: clock(), identity: null, policy: hechiPolicy, divisions: places, tokenSecret: secrets.tokenSecret };
    escalateOverdueAppeals(ctx).catch((e) => console.error('job appealSweep failed', e));
  }, 60_000);
  everyMinute.unref();
  console.log(`扫码抗疫情 local host: http://${host}:${port}/  (data in ${dataDir})`);

  const stop = async () => {
    clearInterval(everyMinute);
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
