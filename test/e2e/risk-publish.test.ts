// The Bureau publishes a day's list in Chromium against `npm start`: a small list with a development-zone
// name no rule resolves (吉林省 长春市 净月区), its county picked with the mouse in the searchable picker
// (确定 off until a county is chosen, the choice said in words), the preview confirmed, the job followed
// to the end, and the version listed with the area under the county chosen.
import { csv, realList, type ListRow } from '../support/risk-files';
import { appAndBrowser, button, newPage, openTool, signIn } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

const JINGYUE: ListRow[] = [
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区3栋2单元' },
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区5栋' },
];

it('uploads a list, picks the county of 净月区 with the mouse, previews, confirms and sees the job finish', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await signIn(page, env.app.url, '韦主任');
    await openTool(page, '发布风险区域名单');
    await page.getByText('上传当日名单').waitFor();

    // The file picker of the page (an <input type=file> in H5), given a CSV as the Bureau receives it.
    const rows = [...realList('2022-04-16').slice(0, 6), ...JINGYUE];
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '选择名单文件并上传').click()]);
    await chooser.setFiles({ name: 'risk-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(rows)) });

    // The summary, and the one open group: both rows of the name, whole, under one decision.
    await page.getByText(/名称组共\d+组：待处理1/).waitFor();
    const card = page.locator('.group-card').filter({ hasText: '吉林省 长春市 净月区' });
    await card.waitFor();
    expect(await card.innerText()).toContain('2行');
    for (const r of JINGYUE) expect(await card.innerText()).toContain(r.area);
    expect(await page.locator('.nut-button').filter({ hasText: /^预览并发布/ }).getAttribute('class')).toContain('nut-button-disabled');

    await card.locator('.nut-button').filter({ hasText: '选择区县' }).click();
    const picker = card.locator('.county-picker');
    const confirm = picker.locator('.nut-button').filter({ hasText: '确定' });
    expect(await confirm.getAttribute('class')).toContain('nut-button-disabled');
    expect(await picker.getByTestId('county-picker-chosen').innerText()).toBe('尚未选择区县');

    // Typing filters the options; the mouse chooses one; the choice is said in words before 确定.
    await picker.locator('input').fill('净月');
    const option = picker.locator('.county-picker__option').filter({ hasText: '净月' }).first();
    await option.waitFor();
    const optionName = (await option.locator('.county-picker__name').innerText()).trim();
    await option.click();
    expect(await picker.getByTestId('county-picker-chosen').innerText()).toContain(`将对应到：${optionName}`);
    expect(await confirm.getAttribute('class')).not.toContain('nut-button-disabled');
    await confirm.click();

    // Resolved by hand: the card says which county every row gets, and how.
    await card.getByText(/每行对应到：.*手工/).waitFor();
    await page.getByText('每一组都已对应或排除，可以预览发布').waitFor();

    // The preview says what will change, and publishing needs the confirmation.
    await button(page, '预览并发布').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const said = await dialog.innerText();
    expect(said).toMatch(/发布后共\d+个中高风险区域，新增\d+个、移除\d+个、等级变化\d+个/);
    expect(said).toMatch(/将重新评估\d+名近期抵河人员/);
    await dialog.locator('.nut-button').filter({ hasText: '确认发布' }).click();

    // The job, followed until it is done.
    const job = page.getByTestId('risk-job');
    await job.getByText(/发布完成/).waitFor({ timeout: 60_000 });
    expect(await job.innerText()).toMatch(/已执行\d+批，最长一批\d+毫秒/);
    expect(await job.innerText()).toMatch(/重新赋码：读取\d+份报备/);
    await page.getByText('（第1版）').first().waitFor();

    // The published version lists the 净月 areas under the county chosen.
    const version = page.locator('.risk__item').filter({ hasText: /第\d+版（已发布）/ }).first();
    await version.click();
    const detail = page.getByTestId('risk-version');
    await detail.getByText(/全部区域（\d+）/).click();
    await detail.getByText(/净月小区5栋/).first().waitFor();
  } finally {
    await context.close();
  }
});
