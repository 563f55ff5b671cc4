// Issue 10's figures: each cloud function's bundle against its budget, and `code.mine` as WeChat would
// run it — the BUILT function over the CloudBase stand-in with 30 ms added to every database call:
// cold (a fresh instance loads its bundle, then answers) and warm, as time and round trips.
import Module from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleLines, readBundles } from './bundles';
import { createCloudBaseStandin, type StandinDatabase } from '../test/support/cloudbase-standin';
import { reportInput } from '../test/support/reports';
import { STAFF, seedRealistic, yellowWorklist } from '../test/support/cloud-fixture';

const root = resolve(__dirname, '..');
const dist = join(root, 'dist/cloudfunctions');
const LATENCY_MS = 30;

type Main = (event: Record<string, unknown>) => Promise<{ ok: boolean }>;

/** Loads a built function afresh (a cold instance), with wx-server-sdk answered by the stand-in. */
function load(name: string, db: StandinDatabase, context: { OPENID: string }): Main {
  const sdk = { DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'), init: () => undefined, database: () => db, getWXContext: () => context };
  const file = join(dist, name, 'index.js');
  const req = Module.createRequire(file);
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  const sdkPath = req.resolve('wx-server-sdk');
  cache[sdkPath] = { id: sdkPath, filename: sdkPath, loaded: true, exports: sdk };
  delete cache[file];
  return (req(file) as { main: Main }).main;
}

async function timed(db: StandinDatabase, run: () => Promise<{ ok: boolean }>): Promise<{ ms: number; trips: number }> {
  const trips = db.server.roundTrips;
  const t = performance.now();
  const res = await run();
  if (!res.ok) throw new Error(JSON.stringify(res));
  return { ms: performance.now() - t, trips: db.server.roundTrips - trips };
}

export async function codeMineOverStandin(): Promise<{ cold: { ms: number; trips: number }; warm: { ms: number; trips: number } } | null> {
  if (!readBundles(dist)) return null;
  process.env.TOKEN_SECRET ??= 'a-bench-secret-of-at-least-32-characters';
  const db = createCloudBaseStandin();
  const context = { OPENID: '' };
  await load('init', db, context)({});
  context.OPENID = 'oWx_bench';
  await load('report', db, context)(reportInput(new Date()));
  db.server.latencyMs = LATENCY_MS;
  let main: Main | undefined;
  const cold = await timed(db, () => (main = load('code', db, context))({ action: 'mine' }));
  const warm = await timed(db, () => main!({ action: 'mine' }));
  return { cold, warm };
}

/**
 * The heaviest staff actions on the realistic data set (10,000 arrivals, 1,000 open appeals, the
 * 2022-12-01 list), built functions over the stand-in at 30 ms per database call: time and round trips.
 */
export async function heaviestOverStandin(): Promise<string[]> {
  process.env.TOKEN_SECRET ??= 'a-bench-secret-of-at-least-32-characters';
  const db = createCloudBaseStandin();
  const context = { OPENID: '' };
  const loaded = new Map<string, Main>();
  const fn = (name: string) => loaded.get(name) ?? loaded.set(name, load(name, db, context)).get(name)!;
  const log = console.log;
  console.log = () => undefined; // the jobs' run logs
  try {
    const call = async (openid: string, name: string, event: Record<string, unknown>) => {
      context.OPENID = openid;
      const res = await fn(name)(event);
      if (!res.ok) throw new Error(`${name}: ${JSON.stringify(res)}`);
      return res;
    };
    await seedRealistic(db, call);
    db.server.latencyMs = LATENCY_MS;
    const out: string[] = [];
    for (const [what, openid, name, event] of [
      ['dashboard.daily (Bureau)', STAFF.bureau, 'dashboard', { action: 'daily' }],
      ['arrivals.list (community, 10,000 arrivals)', STAFF.community, 'arrivals', { action: 'list' }],
      ['appeal.queue (platform, 1,000 open)', STAFF.platform, 'appeal', { action: 'queue' }],
      ['appealSweep (1,000 open appeals)', '', 'appealSweep', {}],
      ['conversions.list (area admin, 10,000 arrivals)', STAFF.area, 'conversions', { action: 'list' }],
    ] as const) {
      context.OPENID = openid;
      const r = await timed(db, () => fn(name)({ ...event }));
      out.push(`  ${what}: ${r.ms.toFixed(0)} ms, ${r.trips} round trips`);
    }
    // The longest one call takes: converting 200 yellow codes at once (8 people's transactions in flight).
    db.server.latencyMs = 0;
    const items = await yellowWorklist(db, call);
    db.server.latencyMs = LATENCY_MS;
    context.OPENID = STAFF.area;
    const r = await timed(db, () => fn('conversions')({ action: 'confirm', items, reason: '集中核查后统一转码' }));
    out.push(`  conversions.confirm (200 people, the most one call takes): ${r.ms.toFixed(0)} ms, ${r.trips} round trips (timeout 20 s)`);
    return out;
  } finally {
    console.log = log;
  }
}

export async function cloudBench(): Promise<string[]> {
  const lines = bundleLines(readBundles(dist));
  if (readBundles(dist)) {
    lines.push(`the heaviest actions, built functions over the stand-in at ${LATENCY_MS} ms per database call, on 10,000 arrivals / 1,000 appeals / the 2022-12-01 list:`);
    lines.push(...(await heaviestOverStandin()));
  }
  const mine = await codeMineOverStandin();
  lines.push(
    mine
      ? `code.mine, built function over the CloudBase stand-in, ${LATENCY_MS} ms per database call: cold ${mine.cold.ms.toFixed(0)} ms (${mine.cold.trips} round trips, bundle load included), warm ${mine.warm.ms.toFixed(0)} ms (${mine.warm.trips} round trips)`
      : 'code.mine over the stand-in: not built (run npm run build:functions)',
  );
  return lines;
}

if (resolve(process.argv[1] ?? '') === __filename) {
  cloudBench().then((lines) => console.log(lines.join('\n')));
}
