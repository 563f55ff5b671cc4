// Rate limits per account and per action (issue 13, High 2: one account filed 10,171 reports in 10 s).
// Kept in the store, so they hold across cloud-function instances; a retry of the same request is free.
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, reportInput } from '../support/reports';
import { LIMITS } from '../../domain/services/rate-limit';

let host: TestHost;
let resident: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterEach(() => host.close());

const report = (overrides: Record<string, unknown> = {}) => host.call('report', reportInput(host.clock.now, overrides), resident);

it('a flood of reports from one account: exactly the limit is filed, the rest are refused with 429 in Chinese', async () => {
  const max = LIMITS.report[0].max;
  const results = await Promise.all(Array.from({ length: max + 30 }, () => report()));
  const ok = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status === 429);
  expect(ok).toHaveLength(max);
  expect(refused).toHaveLength(30);
  expect(refused[0]!.json.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁：每10分钟最多提交报备20次，请于.+后再试$/) });
  expect(await host.store.count('reports')).toBe(max);

  // A retry of a filed request still answers (it files nothing new); another account is not affected.
  const again = await host.call('report', reportInput(host.clock.now, { requestId: (await host.store.find('reports', { limit: 1 }))[0]!.requestId }), resident);
  expect(again.status).toBe(200);
  expect(again.json.data.duplicate).toBe(true);
  const other = await host.signIn('demo-resident-2');
  expect((await host.call('report', reportInput(host.clock.now, { name: '李芳', idNumber: idNumber('19920101', '456') }), other)).status).toBe(200);

  // The window passes: the account may file again.
  host.clock.now = new Date(host.clock.now.getTime() + 10 * 60_000);
  expect((await report()).status).toBe(200);
});

it('the daily limit holds across windows', async () => {
  const [, day] = LIMITS.report;
  let filed = 0;
  for (let window = 0; filed < day.max + 5; window++) {
    const results = await Promise.all(Array.from({ length: LIMITS.report[0].max }, () => report()));
    filed += results.length;
    host.clock.now = new Date(host.clock.now.getTime() + 10 * 60_000);
  }
  expect(await host.store.count('reports')).toBe(day.max);
  expect((await report()).json.error.message).toContain('每天最多提交报备100次');
});

it('appeals are limited per account too, whatever each attempt answers', async () => {
  for (let i = 0; i < LIMITS.appeal[0].max; i++) {
    // No code yet: each attempt is refused (409), but counts.
    expect((await host.call('appeal', { action: 'submit', requestId: `appeal-req-${i}`, reason: '我的健康码有误，请工作人员核实我的行程' }, resident)).status).toBe(409);
  }
  const limited = await host.call('appeal', { action: 'submit', requestId: 'appeal-req-x', reason: '我的健康码有误，请工作人员核实我的行程' }, resident);
  expect(limited.status).toBe(429);
  expect(limited.json.error.message).toContain('每小时最多提交申诉5次');
});
