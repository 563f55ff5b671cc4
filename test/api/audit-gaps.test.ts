// Audit gaps and name rules (issue 13, Low): refused attempts (403) are logged, an XLSX export is
// logged as an export, an unknown-ID checkpoint lookup is logged; one name rule for every name.
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber } from '../support/reports';
import { addStaff, AREAS } from '../support/staff';

let host: TestHost;
beforeEach(async () => {
  host = await startTestHost();
});
afterEach(() => host.close());

it('a refused attempt (403) is in the audit log: who, what, where, why', async () => {
  const resident = await host.signIn('demo-arrival');
  expect((await host.call('staff', { action: 'searchAudit' }, resident)).status).toBe(403);
  const community = await host.signIn('demo-community');
  expect((await host.call('dashboard', { action: 'daily' }, community)).status).toBe(403);
  const refused = await host.store.find('auditLog', { where: { action: { $in: ['refused:staff.searchAudit', 'refused:dashboard.daily'] } } });
  expect(refused.map((a) => [a.actorId, a.role, a.action, a.reason]).sort()).toEqual([
    ['demo-arrival', 'resident', 'refused:staff.searchAudit', '您的角色无权进行此操作'],
    ['demo-community', 'community', 'refused:dashboard.daily', '您的角色无权进行此操作'],
  ]);
  // The Bureau finds them in the audit search.
  const bureau = await host.signIn('demo-bureau');
  const found = await host.call('staff', { action: 'searchAudit', auditAction: 'refused:staff.searchAudit' }, bureau);
  expect(found.json.data.total).toBe(1);
});

it('an XLSX export is logged as an export, with what was exported', async () => {
  const bureau = await host.signIn('demo-bureau');
  const res = await host.call('dashboard', { action: 'export', table: 'daily' }, bureau);
  expect(res.status).toBe(200);
  const [entry] = await host.store.find('auditLog', { where: { action: 'dashboard.export' } });
  expect(entry).toMatchObject({ actorId: 'demo-bureau', target: 'dashboard/export/daily', after: { table: 'daily', fileName: res.json.data.fileName } });
});

it('a checkpoint lookup of an ID number nobody reported is logged (masked) in the audit log', async () => {
  const checkpoint = await host.signIn('demo-checkpoint');
  const unknown = idNumber('19800101', '999');
  expect((await host.call('checkpoint', { action: 'verify', idNumber: unknown }, checkpoint)).status).toBe(404);
  const [entry] = await host.store.find('auditLog', { where: { action: 'checkpoint.verify' } });
  expect(entry).toMatchObject({ actorId: 'demo-checkpoint', target: `idNumber/${unknown.slice(0, 6)}********${unknown.slice(14)}`, after: { found: false } });
});

describe('one name rule', () => {
  const BAD = ['王\u202E明', '王\u200B明', '王\u0000明', '\u2066王明'];
  it.each(BAD.map((n) => [JSON.stringify(n), n]))('%s is refused for a family member, a staff account and a contact', async (_label, name) => {
    const resident = await host.signIn('demo-arrival');
    const family = await host.call('family', { action: 'add', name, idNumber: idNumber('19450101', '222'), relation: 'grandparent' }, resident);
    expect([family.status, family.json.error.field]).toEqual([400, 'name']);
    const bureau = await addStaff(host, 'bureau-x', 'bureau-admin', '4512');
    const account = await host.call('staff', { action: 'saveAccount', id: 'oStaffOpenId0001', role: 'community', name, phone: '13700000001', jurisdiction: AREAS.town }, bureau);
    expect([account.status, account.json.error.field]).toEqual([400, 'name']);
    const contact = await host.call('staff', { action: 'saveContact', divisionCode: AREAS.county, name, title: '社区防控专员', phone: '13700000002' }, bureau);
    expect([contact.status, contact.json.error.field]).toEqual([400, 'name']);
    expect(await host.store.count('persons')).toBe(0);
    expect(await host.store.count('contacts')).toBe(0);
    expect(await host.store.get('accounts', 'oStaffOpenId0001')).toBeNull();
  });
});

it('a staff read carries a reason: the one given, else the duty it serves', async () => {
  const { addArrival } = await import('../support/staff');
  const arrival = await addArrival(host);
  const platform = await host.signIn('demo-platform');
  expect((await host.call('arrivals', { action: 'get', reportId: arrival.reportId, reason: '居民来电要求更正目的地' }, platform)).status).toBe(200);
  expect((await host.call('arrivals', { action: 'get', reportId: arrival.reportId }, platform)).status).toBe(200);
  const reads = await host.store.find('auditLog', { where: { action: 'arrivals.read' } });
  expect(reads.map((r) => r.reason).sort()).toEqual(['二(三)社区电话核实与管控', '居民来电要求更正目的地'].sort());
  const [list] = await host.store.find('auditLog', { where: { action: 'arrivals.list' } });
  expect(list).toBeUndefined();
  await host.call('arrivals', { action: 'list' }, platform);
  expect((await host.store.find('auditLog', { where: { action: 'arrivals.list' } }))[0]!.reason).toBe('二(三)社区每日核实到河人员');
});
