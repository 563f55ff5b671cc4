// A parent adds a child without a phone and reports for them: the form says whose report it is and
// has the child's name and ID number filled in, goes through without a phone, and the code page then
// shows the child's code; the history names whose each report is — in Chromium against `npm start`.
import { idNumber } from '../support/reports';
import { appAndBrowser, button, fillReportForm, input, newPage, signIn } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

it('a family member\'s report without a phone, and their code after it', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await signIn(page, env.app.url, '刘洋');
    await page.getByText('家庭成员', { exact: true }).click();
    await page.waitForURL(/pages\/family\/index/);
    const childId = idNumber('20180601', '112');
    await input(page, '家庭成员姓名').fill('刘小宝');
    await input(page, '家庭成员18位身份证号').fill(childId);
    await page.getByText('子女', { exact: true }).click();
    await button(page, '添加').click();
    const card = page.getByTestId('family-member').filter({ hasText: '刘小宝' });
    await card.waitFor();
    await card.getByText('为其报备').click();

    await page.waitForURL(/pages\/report\/index\?personId=/);
    expect(await page.getByTestId('report-for').innerText()).toContain('为家庭成员 刘小宝 报备');
    expect(await input(page, '与身份证一致').inputValue()).toBe('刘小宝');
    expect(await input(page, '18位身份证号').inputValue()).toBe(childId);
    await fillReportForm(page, { name: '刘小宝', id: childId, origin: ['吉林省', '长春市', '南关区', '南岭街道'], daysAgo: 2, phone: '' });

    await page.waitForURL(/pages\/code\/index/);
    const codeCard = page.getByTestId('code-card');
    await codeCard.waitFor();
    expect(await codeCard.innerText()).toMatch(/刘小宝[\s\S]*黄码/);
    const row = page.getByTestId('history-row').first();
    expect(await row.innerText()).toContain('刘小宝');
  } finally {
    await context.close();
  }
});
