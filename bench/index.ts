// `npm run bench`: the figures the issues ask for, each printed with what it measures.
// Servers run in child processes; the load generator is this process, on loopback only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOAD_CLIENT, load, type LoadResult } from './load';
import { checkpointVerifications } from './checkpoint';
import { freePort, startServer, stop } from './processes';
import { h5InitialJs, weappMainPackageBytes } from './sizes';
import { recodeBench, recodeLine } from './recode';
import { evaluateBench, evaluateLines } from './evaluate';
import { riskDaysBench, riskDaysLines } from './risk-days';
import { cloudBench } from './cloud';
import { firstScreenBench } from './first-screen';
import { inProcessLine, inProcessSubmissions, reportSubmissions, submissionsLine } from './submissions';

const root = resolve(__dirname, '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (r: LoadResult) =>
  `${r.perSecond.toFixed(0)} req/s, p50 ${r.p50ms.toFixed(2)} ms, p99 ${r.p99ms.toFixed(2)} ms (${r.requests} requests, ${r.failures} failed)`;

async function main() {
  console.log('扫码抗疫情 benchmarks (2-core machine; servers in child processes, load from this process over loopback)\n');

  for (const l of evaluateLines(await evaluateBench())) console.log(l);
  for (const l of riskDaysLines(await riskDaysBench())) console.log(l);
  for (const l of await cloudBench()) console.log(l);

  console.log(recodeLine(await recodeBench(1_000_000)));

  const dataDir = mkdtempSync(join(tmpdir(), 'saoma-bench-'));
  const hostPort = await freePort();
  const barePort = await freePort();
  const tsx = ['--import', 'tsx'];
  const host = await startServer(process.execPath, [...tsx, join(root, 'host/main.ts')], { DATA_DIR: dataDir, PORT: String(hostPort), RATE_LIMITS: 'off' }, `http://127.0.0.1:${hostPort}/local/accounts`);
  try {
    const base = `http://127.0.0.1:${hostPort}`;
    const signin = await fetch(`${base}/local/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'demo-arrival' }),
    });
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!;
    const concurrency = 8;

    const submit = await reportSubmissions(base, cookie, concurrency);
    console.log(`report submissions through the local host (POST /api/report submit, one transaction per action, ${concurrency} concurrent, ${LOAD_CLIENT}): ${submissionsLine(submit)}`);
    console.log(inProcessLine(await inProcessSubmissions()));

    await load({ url: `${base}/api/code`, total: 200, concurrency, headers: { cookie }, body: () => ({ action: 'mine' }) });
    const reads = await load({ url: `${base}/api/code`, total: 3000, concurrency, headers: { cookie }, body: () => ({ action: 'mine' }) });
    console.log(`code-page reads (POST /api/code mine: code, window, and a newly signed token (the app draws the QR); ${concurrency} concurrent): ${line(reads)}`);

    const checks = await checkpointVerifications(base, dataDir, concurrency);
    console.log(`checkpoint verifications (POST /api/checkpoint verify: token check, replay guard, code, report, log, audit; ${concurrency} concurrent): ${line(checks)}`);

    const bare = await startServer(process.execPath, [...tsx, join(root, 'bench/bare-fastify.ts')], { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/`);
    try {
      const url = `http://127.0.0.1:${barePort}/api/bare`;
      await load({ url, total: 200, concurrency, body: () => ({ action: 'mine' }) });
      const baseline = await load({ url, total: 3000, concurrency, body: () => ({ action: 'mine' }) });
      console.log(`bare Fastify route, same machine, same run: ${line(baseline)}`);
      console.log(`code-page reads / bare Fastify: ${(reads.perSecond / baseline.perSecond).toFixed(3)} of the baseline's throughput`);
    } finally {
      await stop(bare);
    }
  } finally {
    await stop(host);
    rmSync(dataDir, { recursive: true, force: true });
  }

  for (const l of await firstScreenBench()) console.log(l);

  const weapp = weappMainPackageBytes(join(root, 'dist/weapp'));
  console.log(
    weapp
      ? `weapp main package: ${kb(weapp.bytes)} (limit 2048 KB, CI fails above 1024 KB; subpackages excluded: ${weapp.subpackages.join(', ') || 'none'})`
      : 'weapp main package: not built (run npm run build:weapp)',
  );
  const h5 = h5InitialJs(join(root, 'dist/h5'));
  console.log(
    h5 ? `H5 initial JS: ${kb(h5.bytes)} raw, ${kb(h5.gzipBytes)} gzipped (${h5.scripts.length} scripts in index.html)` : 'H5 initial JS: not built (run npm run build:h5)',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
