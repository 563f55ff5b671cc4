// Screenshots of every page at phone (390×844) and desktop (1366×768) size, in docs/screenshots/:
// `npx tsx scripts/screenshots.ts [page…]` (builds nothing: run `npm run build:h5` first after app changes).
// Starts `npm start` on a free port with a fresh data folder, files a few reports so the pages have
// something to show, then walks test/e2e/tour.ts — the same list the layout check walks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, startApp } from '../test/e2e/support';
import { SIZES, TOUR, visit } from '../test/e2e/tour';
import { idNumber, PLACES, reportInput } from '../test/support/reports';

async function post(url: string, path: string, body: unknown, cookie?: string) {
  const r = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, cookie: r.headers.get('set-cookie')?.split(';')[0], json: (await r.json()) as unknown };
}

/** Reports that give the tour a red arrival (with a family member) and a list for the community. */
async function seed(url: string) {
  const me = await post(url, '/local/signin', { accountId: 'demo-arrival' });
  const now = new Date();
  await post(url, '/api/report', reportInput(now, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: reportInput(now).arrivalDate, riskAreaIds: [] }] }), me.cookie);
  const li = await post(url, '/local/signin', { accountId: 'demo-resident-2' });
  await post(url, '/api/report', reportInput(now, { name: '李芳', idNumber: idNumber('19880512', '246') }), li.cookie);
}

async function main() {
  const out = join(__dirname, '..', 'docs', 'screenshots');
  mkdirSync(out, { recursive: true });
  // APP_URL: photograph a host that is already running instead of starting one.
  const app = process.env.APP_URL ? { url: process.env.APP_URL, stop: async () => {} } : await startApp();
  const browser = await launchChromium();
  try {
    await seed(app.url);
    // `npx tsx scripts/screenshots.ts code checkpoint` retakes only those pages.
    const only = process.argv.slice(2);
    for (const stop of TOUR.filter((s) => only.length === 0 || only.includes(s.name))) {
      for (const size of SIZES) {
        const { context, page } = await visit(browser, app.url, stop, size);
        const file = join(out, `${stop.name}-${size.label}.png`);
        // Taro scrolls inside the page element, not the document: grow the window to the content.
        const content = await page.evaluate(() => Math.max(...Array.from(document.querySelectorAll('.taro_page_show')).map((p) => p.scrollHeight + p.getBoundingClientRect().top)));
        if (content > size.height) await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(content), 6000) });
        await page.screenshot({ path: file });
        await context.close();
        console.log(file);
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
