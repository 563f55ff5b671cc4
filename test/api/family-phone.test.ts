// A family member added without a phone can be reported for without one — by the same rule in the
// form and on the server (domain/validate/report) — while an account's own report and a report at
// a checkpoint still need the phone. The family list hands the member's ID number to the account
// that added them (its form fills it in), and the account's report list says whose each report is.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber, pathInput } from '../support/residents';

let host: TestHost;
let resident: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterEach(() => host.close());

const CHILD = { name: '王小宝', idNumber: idNumber('20180601', '112'), relation: 'child' };

it('reports for a child without a phone, and the list names whose report each is', async () => {
  await fileFor(host, resident, 'green');
  const added = await host.call('family', { action: 'add', ...CHILD }, resident);
  expect(added.status).toBe(200);
  const child = added.json.data.person;

  const list = (await host.call('family', { action: 'list' }, resident)).json.data.persons;
  expect(list.find((p: { id: string }) => p.id === child.id)).toMatchObject({ name: '王小宝', idNumber: CHILD.idNumber });

  const res = await host.call('report', await pathInput(host, resident, 'yellow-C', { personId: child.id, name: CHILD.name, idNumber: CHILD.idNumber, phone: '' }), resident);
  expect(res.status).toBe(200);
  expect(res.json.data.report).toMatchObject({ name: '王小宝', decision: { code: 'yellow' } });
  const hers = (await host.call('code', { action: 'mine', personId: child.id }, resident)).json.data;
  expect([hers.person.name, hers.decision.code]).toEqual(['王小宝', 'yellow']);

  const all = (await host.call('report', { action: 'list' }, resident)).json.data.reports;
  expect(all.map((r: { name: string }) => r.name).sort()).toEqual(['王小宝', '王小明']);
});

it('a family member\'s phone, when given, must still be a phone number', async () => {
  await fileFor(host, resident, 'green');
  const child = (await host.call('family', { action: 'add', ...CHILD }, resident)).json.data.person;
  const before = await host.store.count('reports');
  const res = await host.call('report', await pathInput(host, resident, 'green', { personId: child.id, name: CHILD.name, idNumber: CHILD.idNumber, phone: '12345' }), resident);
  expect(res.status).toBe(400);
  expect(res.json.error).toMatchObject({ field: 'phone', message: expect.stringMatching(/手机号应为/) });
  expect(await host.store.count('reports')).toBe(before);
});

it('an own report without a phone is refused, naming the field, and writes nothing', async () => {
  const res = await host.call('report', await pathInput(host, resident, 'green', { phone: '' }), resident);
  expect(res.status).toBe(400);
  expect(res.json.error).toMatchObject({ field: 'phone', message: expect.stringMatching(/手机号/) });
  for (const c of ['reports', 'persons', 'codes'] as const) expect(await host.store.count(c)).toBe(0);
});

it('a report on the spot at a checkpoint needs the phone', async () => {
  const checkpoint = await host.signIn('demo-checkpoint');
  const { action: _a, personId: _p, ...input } = (await pathInput(host, checkpoint, 'green', { phone: '' })) as Record<string, unknown>;
  const res = await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
  expect(res.status).toBe(400);
  expect(res.json.error.field).toBe('phone');
  expect(await host.store.count('reports')).toBe(0);
});
