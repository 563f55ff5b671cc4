// An arrival signs in, files the one-click report through the form in Chromium, and sees the code
// the policy gives — against `npm start`, with the seeded sample of the 2022-04-15 national list.
import type { Page } from 'playwright-core';
import { idNumber } from '../support/reports';
import { appAndBrowser, button, drawnQr, fillReportForm, newPage, signIn, type ReportAnswers } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

interface Arrival extends ReportAnswers {
  account: string;
}

async function fileReport(page: Page, a: Arrival) {
  await button(page, '去报备').click();
  await page.waitForURL(/pages\/report\/index/);
  await fillReportForm(page, a);
  await page.waitForURL(/pages\/code\/index/);
}

async function codeShown(page: Page) {
  const card = page.locator('.code-card').first();
  await card.waitFor();
  return card.innerText();
}

const cases: Array<[string, Arrival, string, string]> = [
  [
    'from a listed high-risk area, arrived 3 days ago → red citing 一(一)1',
    { account: 'demo-arrival', name: '王小明', id: idNumber('19900307', '123'), origin: ['吉林省', '长春市', '宽城区', '团山街道'], riskArea: '团山街道小南街社区', daysAgo: 3 },
    '红码',
    '一(一)1',
  ],
  [
    'from the county of a risk area, 10 days ago → yellow citing 一(二)2',
    { account: 'demo-resident-2', name: '李芳', id: idNumber('19880512', '246'), origin: ['吉林省', '长春市', '宽城区', '团山街道'], riskArea: 'none', daysAgo: 10 },
    '黄码',
    '一(二)2',
  ],
  [
    'from another county of a city with confirmed cases → yellow citing 一(三)1',
    { account: 'demo-resident-3', name: '张伟', id: idNumber('19751120', '351'), origin: ['吉林省', '长春市', '南关区', '南岭街道'], daysAgo: 5 },
    '黄码',
    '一(三)1',
  ],
  [
    'from a place with no risk → green',
    { account: 'demo-resident-4', name: '刘洋', id: idNumber('20000101', '468'), origin: ['广西壮族自治区', '南宁市', '青秀区', '新竹街道'], daysAgo: 2 },
    '绿码',
    '一',
  ],
];

describe('one-click report to health code, end to end', () => {
  it.each(cases)('%s', async (_name, arrival, colour, clause) => {
    const { context, page } = await newPage(env.browser);
    try {
      await signIn(page, env.app.url, arrival.name);
      await fileReport(page, arrival);
      const text = await codeShown(page);
      expect(text).toContain(colour);
      expect(text).toContain(`依据：通知${clause}`);
      const body = await page.locator('body').innerText();
      expect(body).toContain('风险地区名单日期：2022年4月15日');
      // The QR the page drew from its token scans as a code token of this system.
      expect((await drawnQr(page)).text).toMatch(/^hk1\./);
      if (arrival.account === 'demo-arrival' && process.env.SCREENSHOT_DIR) {
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/code-page.png`, fullPage: true });
      }
    } finally {
      await context.close();
    }
  });
});
