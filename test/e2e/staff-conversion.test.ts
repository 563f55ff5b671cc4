// Community staff verify an arrival and set home health monitoring → the resident sees yellow
// (二(三)); after the 7-day monitoring period (the demo clock moves) and a negative result, the area
// administrator converts → the resident sees green — in Chromium against `npm start`.
import type { BrowserContext, Page } from 'playwright-core';
import { addDays, localDate } from '../../domain/time';
import { idNumber, PLACES } from '../support/reports';
import { appAndBrowser, openTool, signIn } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

async function contextFor(): Promise<BrowserContext> {
  return env.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
}

async function residentCode(page: Page): Promise<string> {
  await page.goto(`${env.app.url}/#/pages/code/index`);
  await page.reload();
  const card = page.locator('.code-card').first();
  await card.waitFor();
  return card.innerText();
}

it('verify → home monitoring → yellow; 7 days and a negative result later → converted to green', async () => {
  const resident = await contextFor();
  const community = await contextFor();
  const admin = await contextFor();
  try {
    // The arrival files a report from a place with no risk two days ago: green.
    const residentPage = await resident.newPage();
    residentPage.setDefaultTimeout(20_000);
    await signIn(residentPage, env.app.url, '王小明');
    const arrival = addDays(localDate(new Date()), -2);
    const id = idNumber('19900307', '123');
    const filed = await residentPage.request.post(`${env.app.url}/api/report`, {
      data: {
        action: 'submit',
        requestId: 'e2e-staff-conversion-1',
        name: '王小明',
        idNumber: id,
        phone: '13912345678',
        itinerary: [{ townCode: PLACES.nanningTown, departDate: arrival }],
        arrivalDate: arrival,
        transport: 'train',
        itineraryStar: false,
        destination: { villageCode: PLACES.hechiVillage, address: '城北路12号3栋201' },
      },
    });
    expect(filed.status()).toBe(200);
    expect(await residentCode(residentPage)).toContain('绿码');

    // Community staff: today's list → the handling view → reached, home health monitoring.
    const staff = await community.newPage();
    staff.setDefaultTimeout(20_000);
    await signIn(staff, env.app.url, '黄网格员');
    await openTool(staff, '每日返河人员核实');
    const row = staff.locator('.arrival-row').filter({ hasText: '王小明' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('450702********');
    await row.click();
    await staff.waitForURL(/staff\/pages\/arrival/);
    await staff.getByText(id).waitFor(); // full ID number in the handling view
    await staff.getByText('已联系上', { exact: true }).click();
    await staff.getByText('居家健康监测（黄码）', { exact: true }).click();
    await staff.locator('textarea').first().fill('电话核实，行程和目的地无误');
    await staff.locator('.nut-button').filter({ hasText: '保存核实结果' }).click();
    await staff.getByText('已保存核实结果').waitFor();

    const yellow = await residentCode(residentPage);
    expect(yellow).toContain('黄码');
    expect(yellow).toContain('依据：通知二(三)');

    // Seven days later, with a negative result sampled during monitoring.
    // Only the Bureau's demo account moves the demo clock (issue 13).
    const bureau = await contextFor();
    await bureau.request.post(`${env.app.url}/local/signin`, { data: { accountId: 'demo-bureau' } });
    const moved = await bureau.request.post(`${env.app.url}/local/clock`, { data: { offsetDays: 7 } });
    await bureau.close();
    expect(moved.status()).toBe(200);
    await staff.goto(`${env.app.url}/#/staff/pages/nucleic/index`);
    await staff.locator('input[placeholder="被检测人身份证号"]').fill(id);
    await staff.locator('input[type="date"]').first().fill(addDays(localDate(new Date()), 6));
    await staff.locator('.nut-button').filter({ hasText: '录入结果' }).click();
    await staff.getByText('已录入王小明的检测结果').waitFor();

    // The area administrator sees the person due and converts.
    const adminPage = await admin.newPage();
    adminPage.setDefaultTimeout(20_000);
    await signIn(adminPage, env.app.url, '蓝管理员');
    await openTool(adminPage, '转码');
    const due = adminPage.locator('.conversion-row').filter({ hasText: '王小明' }).first();
    await due.waitFor();
    expect(await due.innerText()).toContain('依据：通知二(三)');
    await adminPage.locator('.nut-button').filter({ hasText: '确认转码（1人）' }).click();
    await adminPage.getByText('已转码1人').waitFor();

    const green = await residentCode(residentPage);
    expect(green).toContain('绿码');
    expect(green).toContain('依据：通知二(三)');
  } finally {
    await resident.close();
    await community.close();
    await admin.close();
  }
});
