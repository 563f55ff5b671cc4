// The audit log searched by the person acted on: a resident's name finds what staff did to their
// record and their reports, and each entry names whom it was done to.
import { startTestHost, type TestHost } from '../support/local-host';
import { reportInput } from '../support/reports';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(() => host.close());

it("finds staff actions on a person's reports by the person's name, and names whom in each entry", async () => {
  const resident = await host.signIn('demo-arrival');
  const filed = await host.call('report', reportInput(host.clock.now, { name: '王小明' }), resident);
  expect(filed.status).toBe(200);
  const reportId = filed.json.data.report.id;
  const community = await host.signIn('demo-community');
  expect((await host.call('arrivals', { action: 'get', reportId }, community)).status).toBe(200);

  const bureau = await host.signIn('demo-bureau');
  const found = await host.call('staff', { action: 'searchAudit', personName: '王小明' }, bureau);
  expect(found.status).toBe(200);
  expect(found.json.data.total).toBeGreaterThan(0);
  expect(found.json.data.entries.every((e: { target: string }) => e.target === `reports/${reportId}` || e.target.startsWith('persons/'))).toBe(true);
  expect(found.json.data.entries[0]).toMatchObject({ actorId: 'demo-community', target: `reports/${reportId}`, targetName: '王小明' });

  const nobody = await host.call('staff', { action: 'searchAudit', personName: '查无此人' }, bureau);
  expect(nobody.json.data).toMatchObject({ total: 0, entries: [] });
});
