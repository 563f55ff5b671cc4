// Staff land on their workbench with today's count per duty; the Bureau picks a jurisdiction by name
// (never a raw code) and is asked before 停用 locks a colleague out — in Chromium against `npm start`.
import { idNumber, reportInput } from '../support/reports';
import { appAndBrowser, button, input, newPage, openTool, signIn } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

it('a community worker lands on the workbench and sees how many arrivals wait', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    // One arrival to 金城江街道 today.
    await page.request.post(`${env.app.url}/local/signin`, { data: { accountId: 'demo-resident-2' } });
    const r = await page.request.post(`${env.app.url}/api/report`, { data: reportInput(new Date(), { name: '李芳', idNumber: idNumber('19880512', '246') }) });
    expect(r.ok()).toBe(true);

    await signIn(page, env.app.url, '黄网格员');
    await page.waitForURL(/staff\/pages\/home/);
    const entry = page.locator('.staff-home__entry').filter({ hasText: '每日返河人员核实' });
    expect(await entry.getByTestId('duty-count').innerText()).toBe('待核实 1');
    // Their own code is one tap away.
    await page.getByText('我的健康码 ›').click();
    await page.waitForURL(/pages\/code\/index\?own=1/);
  } finally {
    await context.close();
  }
});

it('the Bureau picks a jurisdiction by name and confirms before disabling an account', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await signIn(page, env.app.url, '韦主任');
    await openTool(page, '工作人员账号');
    const row = page.locator('.bo__item').filter({ hasText: '莫卡口' });
    await row.locator('.nut-button').filter({ hasText: '修改' }).click();
    await page.locator('.division__value').first().click();
    await page.locator('.division__option').filter({ hasText: /^宜州区$/ }).click();
    await page.getByText('选择整个宜州区').click();
    expect(await page.locator('.division__value').first().innerText()).toContain('广西壮族自治区河池市宜州区');
    await input(page, '11位手机号').fill('13800001111');
    await button(page, '保存').click();
    await page.getByText('已保存修改').waitFor();
    await page.locator('.bo__item').filter({ hasText: '莫卡口' }).filter({ hasText: '宜州区' }).waitFor();

    // 停用 asks; cancelling keeps the account.
    await row.locator('.nut-button').filter({ hasText: '停用' }).click();
    await page.getByText('确定停用？', { exact: false }).waitFor();
    await page.getByText('取消', { exact: true }).click();
    expect(await row.getByText('已停用').count()).toBe(0);
    await row.locator('.nut-button').filter({ hasText: '停用' }).click();
    await page.getByText('确定停用', { exact: true }).click();
    await row.getByText('已停用').waitFor();
  } finally {
    await context.close();
  }
});
