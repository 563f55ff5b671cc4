// A browser checkpoint reads a resident's real QR token: pasted whole (154 characters, past the
// 140 Taro's Input keeps by default), and through the camera (Chromium's fake camera plays a video
// of the QR the resident's code page drew — the app draws it from the token) — both verified as the
// resident's code, with what to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { idNumber, PLACES, reportInput } from '../support/reports';
import { appAndBrowser, button, CHROMIUM, CHROMIUM_ARGS, drawnQr, input, newPage } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

async function api(page: import('playwright-core').Page, fn: string, body: unknown) {
  const r = await page.request.post(`${env.app.url}/api/${fn}`, { data: body });
  const json = (await r.json()) as { ok: boolean; data: Record<string, unknown> };
  if (!json.ok) throw new Error(`${fn}: ${JSON.stringify(json)}`);
  return json.data;
}

/** Signs a new context in as `accountId` with a green report filed (a fresh resident per test). */
async function greenResident(accountId: string, name: string, id: string) {
  const { context, page } = await newPage(env.browser);
  await page.request.post(`${env.app.url}/local/signin`, { data: { accountId } });
  const now = new Date();
  await api(page, 'report', reportInput(now, { name, idNumber: id, itinerary: [{ townCode: PLACES.nanningTown, departDate: reportInput(now).arrivalDate }] }));
  return { context, page };
}

/**
 * A resident with a green report, and the token of their code as their QR carries it (a token is
 * used once at a checkpoint: each test has its own resident).
 */
async function residentToken(accountId: string, name: string, id: string): Promise<string> {
  const { context, page } = await greenResident(accountId, name, id);
  try {
    const mine = (await api(page, 'code', { action: 'mine' })) as { qr: { token: string } | null };
    if (!mine.qr) throw new Error('no QR for the resident');
    return mine.qr.token;
  } finally {
    await context.close();
  }
}

async function asCheckpoint(browser: import('playwright-core').Browser) {
  const { context, page } = await newPage(browser);
  await page.request.post(`${env.app.url}/local/signin`, { data: { accountId: 'demo-checkpoint' } });
  await page.goto(`${env.app.url}/#/staff/pages/checkpoint/index`);
  await button(page, '核验').waitFor();
  return { context, page };
}

/**
 * A Y4M video (what Chromium's fake camera plays) of a picture: its luma centred on a light grey
 * frame, as a phone held up to the camera would be filmed.
 */
function pictureVideo(picture: { width: number; height: number; rgba: Uint8ClampedArray }, file: string) {
  const width = 640;
  const height = 480;
  if (picture.width > width || picture.height > height) throw new Error(`picture ${picture.width}×${picture.height} is larger than the frame`);
  const left = Math.floor((width - picture.width) / 2);
  const top = Math.floor((height - picture.height) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let r = 0; r < picture.height; r++) {
    for (let c = 0; c < picture.width; c++) {
      const i = (r * picture.width + c) * 4;
      const luma = 0.299 * picture.rgba[i]! + 0.587 * picture.rgba[i + 1]! + 0.114 * picture.rgba[i + 2]!;
      y[(top + r) * width + left + c] = Math.round(16 + (luma * 219) / 255); // video range, as C420jpeg's players expect
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F5:1 Ip A1:1 C420jpeg\n`), ...Array.from({ length: 10 }, () => frame)]));
}

it('a pasted full token is verified as the resident\'s code, not refused as forged', async () => {
  const token = await residentToken('demo-resident-4', '刘洋', idNumber('20000101', '468'));
  expect(token.length).toBeGreaterThan(140);
  const { context, page } = await asCheckpoint(env.browser);
  try {
    await input(page, '输入二维码内容或身份证号').fill(token);
    expect(await input(page, '输入二维码内容或身份证号').inputValue()).toBe(token);
    await button(page, '核验').click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('绿码');
    expect(await page.getByTestId('verdict-advice').innerText()).toContain('放行');
    expect(await page.getByText('不是本系统签发的健康码').count()).toBe(0);
  } finally {
    await context.close();
  }
});

it('the camera reads the QR the resident\'s code page drew and verifies it', async () => {
  // The resident's phone: the code page, its QR drawn by the app from the token.
  const resident = await greenResident('demo-resident-3', '张伟', idNumber('19751120', '351'));
  const dir = mkdtempSync(join(tmpdir(), 'saoma-camera-'));
  const video = join(dir, 'qr.y4m');
  let token: string;
  try {
    await resident.page.goto(`${env.app.url}/#/pages/code/index`);
    const qr = await drawnQr(resident.page);
    expect(qr.text).toMatch(/^hk1\./);
    token = qr.text!;
    pictureVideo(qr, video);
  } finally {
    await resident.context.close();
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const { page } = await asCheckpoint(browser);
    await button(page, '扫描健康码').click();
    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('绿码');
    // The scanned token is in the box, and the camera is closed again.
    expect(await input(page, '输入二维码内容或身份证号').inputValue()).toBe(token);
    expect(await page.getByTestId('scanner-video').count()).toBe(0);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
