// Local mode: a fifth resident signs up on the sign-in page, files a report and sees their code —
// in Chromium against `npm start`.
import { idNumber } from '../support/reports';
import { appAndBrowser, button, fillReportForm, input, newPage } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

it('a new resident signs up, reports and gets a code', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await page.goto(`${env.app.url}/#/pages/signin/index`);
    await input(page, '居民姓名').fill('陈小红');
    await button(page, '新建并登录').click();
    await page.waitForURL(/pages\/code\/index/);
    await button(page, '去报备').click();
    await page.waitForURL(/pages\/report\/index/);
    await fillReportForm(page, { name: '陈小红', id: idNumber('19950505', '555'), origin: ['广西壮族自治区', '南宁市', '青秀区', '新竹街道'], daysAgo: 1 });
    await page.waitForURL(/pages\/code\/index/);
    const card = page.getByTestId('code-card');
    await card.waitFor();
    expect(await card.innerText()).toMatch(/陈小红[\s\S]*绿码/);

    // The account is on the sign-in page from now on.
    await page.goto(`${env.app.url}/#/pages/signin/index`);
    await page.locator('.nut-cell').filter({ hasText: '陈小红' }).first().waitFor();
  } finally {
    await context.close();
  }
});
