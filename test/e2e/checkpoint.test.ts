// A checkpoint meets an arrival with no report: verifies by ID number, files the report on the spot
// (yellow, 一(二)2, shown there and again on the checkpoint's verdict: 放行), marks the return date wrong on the three checks, and the destination's community
// sees the flag in its daily list — in Chromium against `npm start`.
import { idNumber } from '../support/reports';
import { appAndBrowser, button, fillReportForm, input, newPage, openTool, signIn, textarea } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

it('verify → no report → report on the spot → return date wrong → the community sees the flag', async () => {
  const id = idNumber('19751120', '351');
  const checkpoint = await newPage(env.browser);
  try {
    const page = checkpoint.page;
    await signIn(page, env.app.url, '莫卡口');
    await openTool(page, '卡口核验');
    await page.waitForURL(/staff\/pages\/checkpoint\/index/);
    await input(page, '输入二维码内容或身份证号').fill(id);
    await button(page, '核验').click();
    await page.getByText('该身份证号没有一键直报记录，请对方现场报备').waitFor();

    await button(page, '现场报备').click();
    await page.waitForURL(/staff\/pages\/checkpoint-report/);
    // The ID typed at the checkpoint comes along into the form.
    expect(await input(page, '18位身份证号').inputValue()).toBe(id);
    await fillReportForm(page, { name: '张伟', id, origin: ['吉林省', '长春市', '宽城区', '团山街道'], riskArea: 'none', daysAgo: 10 });
    // The code the report gave, on the spot; back at the checkpoint the person is verified again.
    const done = page.getByTestId('spot-report-done');
    await done.waitFor();
    expect(await done.innerText()).toMatch(/黄码[\s\S]*一\(二\)2/);
    await button(page, '返回核验').click();
    await page.waitForURL(/staff\/pages\/checkpoint\/index/);

    const verdict = page.getByTestId('verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('黄码');
    expect(await verdict.innerText()).toContain('已报备');
    expect(await page.getByTestId('verdict-advice').innerText()).toContain('放行');
    expect(await button(page, '现场报备').count()).toBe(0);

    await page.locator('.checkpoint__check').filter({ hasText: '返河日期为当天' }).locator('input, .weui-switch, taro-switch-core').first().click();
    await textarea(page, '有不符时请说明（将通知目的地社区）').fill('实际10天前已抵河');
    await button(page, '提交核查结果').click();
    await page.getByText('已标记问题，目的地社区将在每日名单中看到').waitFor();
  } finally {
    await checkpoint.context.close();
  }

  const community = await newPage(env.browser);
  try {
    await signIn(community.page, env.app.url, '黄网格员');
    await openTool(community.page, '每日返河人员核实');
    const row = community.page.locator('.arrival-row').filter({ hasText: '张伟' }).first();
    await row.waitFor();
    expect(await row.innerText()).toMatch(/卡口标记 · .*卡口：返河日期不是当天（实际10天前已抵河）/);
  } finally {
    await community.context.close();
  }
});
