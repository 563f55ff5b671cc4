// End-to-end support: `npm start` in a child process on a free port with its own DATA_DIR, and
// Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { addDays, localDate } from '../../domain/time';
import { freePort } from '../../bench/processes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling out of this closed network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'saoma-e2e-'));
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npm and the host under it
  });
  let output = '';
  child.stdout?.on('data', (b) => (output += b));
  child.stderr?.on('data', (b) => (output += b));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/local/accounts`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`npm start did not answer in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(-child.pid!, 'SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// ---- Driving the H5 app as a person does (shared by every end-to-end test) ----

/** A phone-sized browser context and page, with timeouts that fail fast and clearly. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

/**
 * The QR the code page drew (the app draws it from the token; the server sends no image), as the
 * screen shows it: a screenshot of it as RGBA pixels (the browser decodes the PNG), and its text
 * read back with jsQR, the checkpoint's decoder.
 */
export async function drawnQr(page: Page): Promise<{ width: number; height: number; rgba: Uint8ClampedArray; text: string | null }> {
  const img = page.getByTestId('code-qr').locator('img').first();
  await img.waitFor();
  await img.evaluate((el) => (el as HTMLImageElement).decode());
  const png = (await img.screenshot()).toString('base64');
  const { width, height, rgba } = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let bin = '';
    for (let i = 0; i < data.length; i++) bin += String.fromCharCode(data[i]!);
    return { width: bitmap.width, height: bitmap.height, rgba: btoa(bin) };
  }, png);
  const pixels = new Uint8ClampedArray(Buffer.from(rgba, 'base64'));
  return { width, height, rgba: pixels, text: jsQR(pixels, width, height)?.data ?? null };
}

/** NutUI buttons are clicked through their outer element (the inner text node is covered). */
export const button = (page: Page, text: string) => page.locator('.nut-button').filter({ hasText: text });
/** Taro's input wraps a native one carrying the placeholder. */
export const input = (page: Page, placeholder: string) => page.locator(`input[placeholder="${placeholder}"]`);
export const textarea = (page: Page, placeholder: string) => page.locator(`textarea[placeholder="${placeholder}"]`);

/** Signs in on the local sign-in page as the demo account with this name. */
export async function signIn(page: Page, appUrl: string, name: string) {
  await page.goto(`${appUrl}/#/pages/signin/index`);
  const row = page.locator('.nut-cell').filter({ hasText: name }).first();
  await row.locator('.nut-button').filter({ hasText: '登录' }).click();
  // Residents land on their code, staff on their workbench.
  await page.waitForURL(/pages\/code\/index|staff\/pages\/home/);
}

/** From the workbench (or the code page, through it) to one of its tools. */
export async function openTool(page: Page, title: string) {
  if (!/staff\/pages\/home/.test(page.url())) await button(page, '进入工作台').click();
  await page.waitForURL(/staff\/pages\/home/);
  await page.getByText(title, { exact: true }).click();
}

/** Picks a place in a division picker level by level. */
export async function pick(page: Page, opener: string, path: string[]) {
  await page.getByText(opener).click();
  for (const name of path) {
    await page.locator('.division__option').filter({ hasText: new RegExp(`^${name}$`) }).first().click();
  }
}

export interface ReportAnswers {
  name: string;
  id: string;
  origin: string[];
  /** Listed area to tick, 'none' for 以上均未到过, or undefined when the county has none. */
  riskArea?: string | 'none';
  daysAgo: number;
  /** '' leaves the phone empty (a family member without one); a mobile number otherwise. */
  phone?: string;
}

/** Fills the one-click report form (resident or checkpoint) and submits it. */
export async function fillReportForm(page: Page, a: ReportAnswers) {
  await input(page, '与身份证一致').fill(a.name);
  await input(page, '18位身份证号').fill(a.id);
  if (a.phone !== '') await input(page, '11位手机号').fill(a.phone ?? '13912345678');
  await pick(page, '选择省/市/县/乡镇（街道）', a.origin);
  if (a.riskArea === 'none') await page.getByText('以上均未到过').click();
  else if (a.riskArea) await page.locator('.risk__item').filter({ hasText: a.riskArea }).first().click();
  const arrival = addDays(localDate(new Date()), -a.daysAgo);
  const dates = page.locator('input[type="date"]');
  await dates.nth(0).fill(arrival); // left the origin on the day of arrival
  await dates.nth(1).fill(arrival);
  await page.getByText('火车', { exact: true }).click();
  await input(page, '如 G1234、CZ3456（选填）').fill('D3456');
  await pick(page, '选择县（市、区）/乡镇/社区（村）', ['金城江区', '金城江街道', '城北社区居民委员会']);
  await input(page, '小区、楼栋、门牌号').fill('城北路12号3栋201');
  await button(page, '提交报备').click();
}

/** `npm start` and Chromium for a test file: started before its tests, stopped after them. */
export function appAndBrowser(): { app: RunningApp; browser: Browser } {
  const env = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    env.app = await startApp();
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.stop();
  });
  return env;
}
