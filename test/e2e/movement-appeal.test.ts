// A yellow arrival applies for an 8-hour movement window and sees the countdown; a second
// application is refused. She appeals; platform staff answer "stands" with the four required
// fields; she sees them. Against `npm start`, in Chromium.
import { addDays, localDate } from '../../domain/time';
import { idNumber } from '../support/reports';
import { appAndBrowser, button, input, newPage, openTool, signIn, textarea } from './support';

jest.setTimeout(240_000);

const env = appAndBrowser();

const STANDS = {
  reason: '行程中的长春市宽城区有中高风险区域，抵河已超过7天，按通知一(二)2赋黄码无误',
  process: '完成7天健康监测并核酸检测阴性后，由社区向区划管理员申请转绿码',
  phone: '0778-2281234',
  address: '河池市金城江区新建路1号政务服务中心',
};

it('a yellow arrival takes her one movement window and appeals; the answer "stands" reaches her with all four fields', async () => {
  const { context, page } = await newPage(env.browser);
  try {
    await signIn(page, env.app.url, '李芳');
    // Her report (yellow 一(二)2: the county of a listed area, 10 days ago), filed through the API the
    // app uses — the form itself is covered by arrival-report.test.ts.
    const arrival = addDays(localDate(new Date()), -10);
    const filed = await context.request.post(`${env.app.url}/api/report`, {
      data: {
        action: 'submit',
        requestId: 'e2e-movement-report-1',
        name: '李芳',
        idNumber: idNumber('19880512', '246'),
        phone: '13912345678',
        itinerary: [{ townCode: '220103002', departDate: arrival, riskAreaIds: [] }],
        arrivalDate: arrival,
        transport: 'train',
        itineraryStar: false,
        destination: { villageCode: '451202001001', address: '城北路12号3栋201' },
      },
    });
    expect((await filed.json()).data.report.decision.clause).toBe('一(二)2');
    await page.reload();
    await page.locator('.code-card').first().waitFor();

    // Apply for 8 hours.
    await button(page, '申请限时流动').click();
    await page.waitForURL(/pages\/movement\/index/);
    await input(page, '1—24的整数').fill('8');
    await input(page, '如：河池站').fill('河池站');
    await input(page, '住地详细地址').fill('金城江区城北路12号3栋201');
    await button(page, '提交申请').click();
    // One chance only: the app asks before sending.
    await page.getByText('确认申请', { exact: true }).click();
    await page.waitForURL(/pages\/code\/index/);
    const status = page.getByTestId('movement-window');
    await status.waitFor();
    expect(await status.innerText()).toMatch(/黄码 · 限时流动中[\s\S]*河池站 → 金城江区城北路12号3栋201（8小时）[\s\S]*结束时间：[\s\S]*人员密集场所[\s\S]*口罩/);
    const first = await page.getByTestId('movement-countdown').innerText();
    expect(first).toMatch(/^剩余 0[78]:\d\d:\d\d$/);
    await page.waitForFunction((was) => document.querySelector('[data-testid="movement-countdown"]')?.textContent !== was, first);
    expect(await page.locator('.code-card').first().innerText()).toContain('黄码');
    expect(await button(page, '申请限时流动').count()).toBe(0);

    // A second application is not offered: the page says why before any form.
    await page.goto(`${env.app.url}/#/pages/movement/index`);
    expect(await page.getByTestId('movement-refusal').innerText()).toContain('正在限时流动中');
    expect(await button(page, '提交申请').count()).toBe(0);

    // Appeal.
    await page.goto(`${env.app.url}/#/pages/appeal/index`);
    await textarea(page, '请写明您认为赋码有误的原因').fill('我只在宽城区火车站换乘，没有出站，请核实。');
    await button(page, '提交申诉').click();
    expect(await page.getByTestId('appeal-card').first().innerText()).toContain('处理中');
  } finally {
    await context.close();
  }

  // Platform staff of 金城江区 answer: the code stands.
  const staff = await newPage(env.browser);
  try {
    await signIn(staff.page, env.app.url, '覃专员');
    await openTool(staff.page, '健康码申诉处理');
    await staff.page.getByTestId('appeal-row').filter({ hasText: '李芳' }).click();
    await staff.page.getByTestId('appeal-detail').waitFor();
    await textarea(staff.page, '答复理由').fill(STANDS.reason);
    await textarea(staff.page, '处理流程').fill(STANDS.process);
    await input(staff.page, '联系电话').fill(STANDS.phone);
    await input(staff.page, '办理地址').fill(STANDS.address);
    await button(staff.page, '提交答复').click();
    await staff.page.getByTestId('appeal-detail').filter({ hasText: '已答复（赋码无误）' }).waitFor();
  } finally {
    await staff.context.close();
  }

  // She sees the answer.
  const again = await newPage(env.browser);
  try {
    await signIn(again.page, env.app.url, '李芳');
    await again.page.getByText('健康码申诉').click();
    const answer = again.page.getByTestId('appeal-answer');
    await answer.waitFor();
    const text = await answer.innerText();
    for (const value of [STANDS.reason, STANDS.process, STANDS.phone, STANDS.address]) expect(text).toContain(value);
    expect(text).toContain('赋码无误');
  } finally {
    await again.context.close();
  }
});
