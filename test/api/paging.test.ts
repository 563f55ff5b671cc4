// Every staff list is paged with a cursor and a total (issue 13, High 2): a flood of 10,171 reports
// made the community daily list stop at 5,000 rows, and a real red arrival (一(一)1) fell off it.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber } from '../support/residents';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
beforeEach(async () => {
  host = await startTestHost();
});
afterEach(() => host.close());

async function pages(fn: string, body: Record<string, unknown>, cookie: string, key: string) {
  const all: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  let total = -1;
  for (let n = 0; n < 1000; n++) {
    const res = await host.call(fn, { ...body, ...(cursor ? { cursor } : {}) }, cookie);
    expect(res.status).toBe(200);
    all.push(...res.json.data[key]);
    total = res.json.data.total;
    cursor = res.json.data.nextCursor;
    if (!cursor) break;
  }
  return { all, total };
}

it('a flood of 6,000 reports into one county: the last arrival on the list, a real red one, is on its last page', async () => {
  // The flood, written straight to the store (a script would have filed it through many accounts).
  const flooder = await host.signIn('demo-resident-2');
  const sample = await fileFor(host, flooder, 'green', { name: '李芳', idNumber: idNumber('19920101', '456'), arrivalDate: localDate(host.clock.now) });
  const template = (await host.store.get('reports', sample.id))!;
  for (let i = 0; i < 6000; i++) {
    await host.store.insert('reports', { ...template, _id: `r_flood_${i}`, requestId: `flood-${i}`, accountId: `flood-${i % 50}`, personId: `p_flood_${i}` });
  }
  // Then a real arrival from a listed area, three days ago: red 一(一)1, filed last.
  const resident = await host.signIn('demo-arrival');
  const red = await fileFor(host, resident, 'red-A');
  expect(red.decision.clause).toBe('一(一)1');

  const platform = await host.signIn('demo-platform');
  const first = await host.call('arrivals', { action: 'list', limit: 500 }, platform);
  expect(first.json.data.total).toBe(6002);
  expect(first.json.data.arrivals).toHaveLength(500);
  const { all, total } = await pages('arrivals', { action: 'list', limit: 500 }, platform, 'arrivals');
  expect(total).toBe(6002);
  expect(all).toHaveLength(6002);
  expect(new Set(all.map((r) => r.reportId)).size).toBe(6002);
  // Older arrivals come after today's: the red one (arrived three days ago) is the very last.
  expect(all[all.length - 1]).toMatchObject({ reportId: red.id, code: 'red', clause: '一(一)1' });
  expect(all[all.length - 1]!.arrivalDate).toBe(addDays(localDate(host.clock.now), -3));
}, 120_000);

it('a cursor that is not one of ours is bad input on `cursor`', async () => {
  const platform = await host.signIn('demo-platform');
  for (const cursor of ['garbage', 'bzotMQ', 'b246MTA=']) {
    const res = await host.call('arrivals', { action: 'list', cursor }, platform);
    expect([cursor, res.status, res.json.error?.field]).toEqual([cursor, 400, 'cursor']);
  }
});

it('the audit search pages with a total, and a date that is no day of the calendar is a 400', async () => {
  const bureau = await host.signIn('demo-bureau');
  for (let i = 0; i < 7; i++) await host.call('staff', { action: 'listAccounts' }, bureau);
  const { all, total } = await pages('staff', { action: 'searchAudit', auditAction: 'staff.list', limit: 3 }, bureau, 'entries');
  expect(total).toBe(7);
  expect(all).toHaveLength(7);
  expect(new Set(all.map((e) => e.id)).size).toBe(7);
  for (const bad of [{ from: '2026-13-45' }, { to: '2026-02-30' }]) {
    const res = await host.call('staff', { action: 'searchAudit', ...bad }, bureau);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe(Object.keys(bad)[0]);
  }
});

it('the appeals queue, the conversion worklists and the staff accounts say their totals', async () => {
  const platform = await host.signIn('demo-platform');
  const queue = await host.call('appeal', { action: 'queue' }, platform);
  expect(queue.json.data).toMatchObject({ appeals: [], total: 0 });
  expect(queue.json.data.nextCursor).toBeUndefined();
  const admin = await host.signIn('demo-area-admin');
  const resident = await host.signIn('demo-arrival');
  await fileFor(host, resident, 'red-A');
  const conv = await host.call('conversions', { action: 'list', limit: 1 }, admin);
  expect(conv.json.data).toMatchObject({ total: 1, dueTotal: 0, waitingTotal: 1 });
  const bureau = await host.signIn('demo-bureau');
  const accounts = await host.call('staff', { action: 'listAccounts', limit: 2 }, bureau);
  expect(accounts.json.data.accounts).toHaveLength(2);
  expect(accounts.json.data.total).toBe(5);
  expect(accounts.json.data.nextCursor).toEqual(expect.any(String));
});
