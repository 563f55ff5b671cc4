// The code page's first screen in Chromium: from navigation until the code's colour is on screen,
// for a signed-in arrival with a report, unthrottled and on Chromium DevTools' "Fast 3G" profile
// (562.5 ms latency, 1.6 Mbit/s down, 750 kbit/s up, each ×0.9), cold (nothing cached) and warm
// (the second visit), with the bytes transferred for the cold one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/e2e/support';
import { reportInput } from '../test/support/reports';
import { freePort, startServer, stop } from './processes';

const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1000 * 1000) / 8 * 0.9, uploadThroughput: (750 * 1000) / 8 * 0.9 };

interface Visit {
  ms: number;
  /** Received until the colour was drawn. */
  bytes: number;
  /** Received once the page is fully loaded (scripts, styles, the page's other requests). */
  totalBytes: number;
}

/** One visit: ms until a colour word (红码/黄码/绿码) is drawn, and the bytes received until then. */
async function visit(browser: Browser, url: string, cookie: { name: string; value: string }, throttle: boolean, warm: boolean): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  await context.addCookies([{ ...cookie, url }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (warm) await page.goto(`${url}/#/pages/code/index`, { waitUntil: 'networkidle' });
  else await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  let bytes = 0;
  let totalBytes = 0;
  let counting = true;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    totalBytes += e.encodedDataLength;
    if (counting) bytes += e.encodedDataLength;
  });
  await page.goto(`${url}/#/pages/code/index`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const el = Array.from(document.querySelectorAll('[data-code-colour], .code-card__label')).find((e) => /^(红|黄|绿)码$/.test(e.textContent ?? '') && (e as HTMLElement).offsetParent !== null);
      return el ? performance.now() : null;
    },
    undefined,
    { polling: 10, timeout: 60_000 },
  );
  counting = false;
  const ms = (await handle.jsonValue()) as number;
  await page.waitForLoadState('networkidle');
  await page.waitForSelector('.code-card__label');
  await context.close();
  return { ms, bytes, totalBytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function firstScreenBench(): Promise<string[]> {
  const root = resolve(__dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'saoma-first-'));
  const port = await freePort();
  const host = await startServer(process.execPath, ['--import', 'tsx', join(root, 'host/main.ts')], { DATA_DIR: dataDir, PORT: String(port) }, `http://127.0.0.1:${port}/local/accounts`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const url = `http://127.0.0.1:${port}`;
    const signin = await fetch(`${url}/local/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: 'demo-arrival' }) });
    const [name, value] = signin.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
    await fetch(`${url}/api/report`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `${name}=${value}` }, body: JSON.stringify(reportInput(new Date())) });
    const runs = async (throttle: boolean, warm: boolean) => {
      const out: Visit[] = [];
      for (let i = 0; i < 3; i++) out.push(await visit(browser, url, { name, value }, throttle, warm));
      return { ms: median(out.map((v) => v.ms)), bytes: median(out.map((v) => v.bytes)), totalBytes: median(out.map((v) => v.totalBytes)) };
    };
    const plain = await runs(false, false);
    const cold = await runs(true, false);
    const warm = await runs(true, true);
    const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
    return [
      `code page first screen (navigation → colour drawn, Chromium, median of 3): unthrottled ${plain.ms.toFixed(0)} ms; ` +
        `Fast 3G cold ${cold.ms.toFixed(0)} ms (${kb(cold.bytes)} received by then, ${kb(cold.totalBytes)} for the whole page, compressed); ` +
        `Fast 3G warm (second visit, bundle cached) ${warm.ms.toFixed(0)} ms (${kb(warm.totalBytes)} for the whole page)`,
    ];
  } finally {
    await browser.close();
    await stop(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/first-screen.ts`: this figure alone (npm run bench prints it with the others).
if (process.argv[1]?.endsWith('first-screen.ts')) {
  firstScreenBench()
    .then((lines) => lines.forEach((l) => console.log(l)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
