// Every page of the H5 app with the account that uses it: the layout check (e2e) and the screenshot
// script (scripts/screenshots.ts) walk the same list, so a page added here is checked and pictured.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface TourStop {
  /** File name of the screenshot (without size and extension). */
  name: string;
  /** Demo account signed in; null for the sign-in page. */
  account: string | null;
  /** Hash route of the page. */
  route: string;
  /** Text that shows once the page has loaded what it shows first. */
  ready?: string;
}

export const TOUR: TourStop[] = [
  { name: 'signin', account: null, route: '/pages/signin/index', ready: '王小明' },
  { name: 'code-new', account: 'demo-resident-4', route: '/pages/code/index', ready: '去报备' },
  { name: 'report', account: 'demo-resident-4', route: '/pages/report/index', ready: '提交报备' },
  { name: 'family', account: 'demo-resident-4', route: '/pages/family/index' },
  { name: 'code', account: 'demo-arrival', route: '/pages/code/index', ready: '码' },
  { name: 'history', account: 'demo-arrival', route: '/pages/history/index' },
  { name: 'movement', account: 'demo-arrival', route: '/pages/movement/index' },
  { name: 'appeal', account: 'demo-arrival', route: '/pages/appeal/index' },
  { name: 'staff-home-checkpoint', account: 'demo-checkpoint', route: '/staff/pages/home/index', ready: '卡口核验' },
  { name: 'checkpoint', account: 'demo-checkpoint', route: '/staff/pages/checkpoint/index', ready: '核验' },
  { name: 'checkpoint-report', account: 'demo-checkpoint', route: '/staff/pages/checkpoint-report/index', ready: '提交报备' },
  { name: 'staff-home-community', account: 'demo-community', route: '/staff/pages/home/index', ready: '每日返河人员核实' },
  { name: 'arrivals', account: 'demo-community', route: '/staff/pages/arrivals/index' },
  { name: 'conversions', account: 'demo-area-admin', route: '/staff/pages/conversions/index' },
  { name: 'nucleic', account: 'demo-area-admin', route: '/staff/pages/nucleic/index' },
  { name: 'recode-review', account: 'demo-area-admin', route: '/staff/pages/recode-review/index' },
  { name: 'appeals', account: 'demo-platform', route: '/staff/pages/appeals/index' },
  { name: 'staff-home-bureau', account: 'demo-bureau', route: '/staff/pages/home/index', ready: '发布风险区域名单' },
  { name: 'risk-publish', account: 'demo-bureau', route: '/staff/pages/risk-publish/index' },
  { name: 'risk-query', account: 'demo-bureau', route: '/staff/pages/risk-query/index' },
  { name: 'accounts', account: 'demo-bureau', route: '/staff/pages/accounts/index' },
  { name: 'contacts', account: 'demo-bureau', route: '/staff/pages/contacts/index' },
  { name: 'audit', account: 'demo-bureau', route: '/staff/pages/audit/index' },
  { name: 'dashboard', account: 'demo-bureau', route: '/staff/pages/dashboard/index' },
];

export const SIZES = [
  { label: 'phone', width: 390, height: 844 },
  { label: 'desktop', width: 1366, height: 768 },
] as const;

const sessions = new Map<string, Awaited<ReturnType<BrowserContext['cookies']>>>();

/** Opens one stop in a fresh context of the given size, signed in as its account. */
export async function visit(browser: Browser, appUrl: string, stop: TourStop, size: { width: number; height: number }) {
  const context = await browser.newContext({ viewport: size, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  if (stop.account) {
    // One sign-in per account for the whole tour (sign-ins are rate-limited per account).
    const key = `${appUrl} ${stop.account}`;
    const kept = sessions.get(key);
    if (kept) await context.addCookies(kept);
    else {
      const r = await page.request.post(`${appUrl}/local/signin`, { data: { accountId: stop.account } });
      if (!r.ok()) throw new Error(`sign-in as ${stop.account} failed: ${r.status()}`);
      sessions.set(key, await context.cookies());
    }
  }
  await page.goto(`${appUrl}/#${stop.route}`);
  if (stop.ready) await page.getByText(stop.ready).first().waitFor();
  // Let requests settle and fonts lay out before measuring.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  return { context, page };
}

export interface LayoutProblem {
  kind: 'overflow' | 'overlap';
  detail: string;
}

/**
 * What a person would see as broken: the page scrolls sideways (something wider than the window),
 * or two cells of a table header overlap each other.
 */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: Array<{ kind: 'overflow' | 'overlap'; detail: string }> = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      // Name the widest element so the failure says where to look.
      let widest = '';
      let right = doc.clientWidth;
      for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 1 && r.width > 0) {
          right = r.right;
          widest = `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')}`;
        }
      }
      problems.push({ kind: 'overflow', detail: `scrollWidth ${doc.scrollWidth} > ${doc.clientWidth} (${widest})` });
    }
    const heads = Array.from(document.querySelectorAll<HTMLElement>('thead tr, [data-table-head]'));
    for (const head of heads) {
      const cells = Array.from(head.children) as HTMLElement[];
      const boxes = cells.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
      for (let i = 1; i < boxes.length; i++) {
        const a = boxes[i - 1];
        const b = boxes[i];
        const sameRow = a.top < b.bottom && b.top < a.bottom;
        if (sameRow && a.right > b.left + 1) {
          problems.push({ kind: 'overlap', detail: `header cells ${i - 1} and ${i}: "${cells[i - 1].innerText}" / "${cells[i].innerText}"` });
        }
      }
      // Text wider than its cell spills over the next one even when the boxes do not overlap.
      for (const c of cells) {
        if (c.scrollWidth > c.clientWidth + 1 && getComputedStyle(c).overflow === 'visible') {
          problems.push({ kind: 'overlap', detail: `header text spills out of "${c.innerText}"` });
        }
      }
    }
    return problems;
  });
}
