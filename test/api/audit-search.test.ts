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

describe('a search over a large log counts only up to a cap, and says so', () => {
  const CAP = 10_000;
  let bureau: string;
  beforeAll(async () => {
    bureau = await host.signIn('demo-bureau');
    // A city's log holds millions: here just past the cap, in one commit.
    const day = Date.parse('2022-04-10T02:00:00Z');
    await host.store.batch!(async () => {
      for (let i = 0; i < CAP + 20; i++) {
        await host.store.insert('auditLog', { _id: `big-${String(i).padStart(6, '0')}`, at: new Date(day + i * 1000).toISOString(), actorId: 'demo-checkpoint', role: 'checkpoint', action: 'checkpoint.verify', target: `persons/p${i}` });
      }
    });
  });

  it('with no filter: the newest page, "more than 10,000", a next page, and no count of the whole log', async () => {
    const count = jest.spyOn(host.store, 'count');
    const res = await host.call('staff', { action: 'searchAudit', limit: 50 }, bureau);
    const counted = count.mock.calls.filter(([collection]) => collection === 'auditLog');
    count.mockRestore();
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ total: CAP, totalCapped: true });
    expect(res.json.data.entries).toHaveLength(50);
    expect(res.json.data.nextCursor).toBeTruthy();
    expect(counted).toEqual([]);
    // Newest first, as before the cap.
    const ats = res.json.data.entries.map((e: { at: string }) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('a search that finds fewer than the cap gets its exact total, not marked capped', async () => {
    // The day before: 30 entries of their own.
    for (let i = 0; i < 30; i++) {
      await host.store.insert('auditLog', { _id: `day9-${i}`, at: `2022-04-09T0${i % 10}:00:00.000Z`, actorId: 'demo-checkpoint', role: 'checkpoint', action: 'checkpoint.verify', target: `persons/q${i}` });
    }
    const byDay = await host.call('staff', { action: 'searchAudit', from: '2022-04-09', to: '2022-04-09', limit: 20 }, bureau);
    expect(byDay.status).toBe(200);
    expect(byDay.json.data).toMatchObject({ total: 30 });
    expect(byDay.json.data.totalCapped).toBeUndefined();
    expect(byDay.json.data.nextCursor).toBeTruthy();
    const last = await host.call('staff', { action: 'searchAudit', from: '2022-04-09', to: '2022-04-09', limit: 20, cursor: byDay.json.data.nextCursor }, bureau);
    expect(last.json.data.entries).toHaveLength(10);
    expect(last.json.data.nextCursor).toBeUndefined();
    const one = await host.call('staff', { action: 'searchAudit', target: 'persons/p5' }, bureau);
    expect(one.json.data).toMatchObject({ total: 1 });
    expect(one.json.data.totalCapped).toBeUndefined();
  });
});
