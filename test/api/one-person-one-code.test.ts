// One person, one code (issue 13, High 1): the code belongs to the ID number, not to the account
// that filed. The attack: a red person's ID number added as "family" by another account and
// reported green — before, that record got a green code of its own and the checkpoint's ID lookup
// answered with whichever record changed last.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber, pathInput } from '../support/residents';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
let owner: string;
let other: string;
let checkpoint: string;
const X = { name: '王小明', idNumber: idNumber() };

beforeEach(async () => {
  host = await startTestHost();
  owner = await host.signIn('demo-arrival');
  other = await host.signIn('demo-resident-2');
  checkpoint = await host.signIn('demo-checkpoint');
});
afterEach(() => host.close());

const byId = (id = X.idNumber) => host.call('checkpoint', { action: 'verify', idNumber: id }, checkpoint);
const later = (minutes: number) => (host.clock.now = new Date(host.clock.now.getTime() + minutes * 60_000));

async function ownerIsRed() {
  const report = await fileFor(host, owner, 'red-A', X);
  expect(report.decision.code).toBe('red');
  later(5);
}

it('the attack: another account adds a red person as family and reports green — the code stays red everywhere', async () => {
  await ownerIsRed();
  const added = await host.call('family', { action: 'add', ...X, relation: 'sibling' }, other);
  expect(added.status).toBe(200);
  const filed = await fileFor(host, other, 'green', { ...X, personId: added.json.data.person.id });
  expect(filed.decision.code).toBe('green');

  // One person: the family entry is the owner's person, so both accounts see the one red code.
  const ownView = (await host.call('code', { action: 'mine' }, owner)).json.data;
  const otherView = (await host.call('code', { action: 'mine', personId: added.json.data.person.id }, other)).json.data;
  expect(otherView.personId).toBe(ownView.personId);
  expect([ownView.decision.code, otherView.decision.code]).toEqual(['red', 'red']);
  expect(await host.store.count('codes')).toBe(1);
  expect(await host.store.count('persons')).toBe(1);

  // The checkpoint's ID lookup and a scanned QR from either account: red.
  const looked = await byId();
  expect(looked.json.data.color).toBe('red');
  const scanned = await host.call('checkpoint', { action: 'verify', token: otherView.qr.token }, checkpoint);
  expect(scanned.json.data.color).toBe('red');
  // The looser report is kept, not applied.
  const stored = await host.store.find('reports', { where: { accountId: 'demo-resident-2' } });
  expect(stored.map((r) => r.applied)).toEqual([false]);
});

it('variant: another account reports the ID number as its own — same person, no second code', async () => {
  await ownerIsRed();
  const filed = await fileFor(host, other, 'green', X);
  expect(filed.decision.code).toBe('green');
  const theirs = (await host.call('code', { action: 'mine' }, other)).json.data;
  expect(theirs.decision.code).toBe('red');
  expect((await byId()).json.data.color).toBe('red');
  expect(await host.store.count('codes')).toBe(1);
});

it('variant: an on-the-spot checkpoint report with a green itinerary does not loosen the red code', async () => {
  await ownerIsRed();
  const input = await pathInput(host, checkpoint, 'green', X);
  const res = await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
  expect(res.status).toBe(200);
  expect((await byId()).json.data.color).toBe('red');
});

it('variant: a lower-case x in the ID number is the same person', async () => {
  const id = Array.from({ length: 100 }, (_, i) => idNumber('19900101', String(100 + i))).find((n) => n.endsWith('X'))!;
  await fileFor(host, owner, 'red-A', { name: X.name, idNumber: id });
  later(5);
  await fileFor(host, other, 'green', { name: X.name, idNumber: id.toLowerCase() });
  expect((await byId(id)).json.data.color).toBe('red');
  expect(await host.store.count('persons')).toBe(1);
});

it('variant: the same colour with an earlier conversion date is looser, and is not applied', async () => {
  await ownerIsRed();
  const before = (await host.call('code', { action: 'mine' }, owner)).json.data.decision;
  // Red A again, but "arrived" 20 days ago: red, yet due for yellow at once.
  const arrival = addDays(localDate(host.clock.now), -20);
  const input = await pathInput(host, other, 'red-A', { ...X, arrivalDate: arrival });
  input.itinerary[0]!.departDate = arrival;
  const res = await host.call('report', input, other);
  expect(res.json.data.report.decision.code).toBe('red');
  const after = (await host.call('code', { action: 'mine' }, owner)).json.data.decision;
  expect(after.arrivalDate).toBe(before.arrivalDate);
});

it('a stricter report by anyone applies at once: a green person reported red is red', async () => {
  await fileFor(host, owner, 'green', X);
  later(5);
  const added = await host.call('family', { action: 'add', ...X, relation: 'child' }, other);
  await fileFor(host, other, 'red-A', { ...X, personId: added.json.data.person.id });
  expect((await host.call('code', { action: 'mine' }, owner)).json.data.decision.code).toBe('red');
  expect((await byId()).json.data.color).toBe('red');
});

it('a name that does not match the person on file is refused, whoever files', async () => {
  await ownerIsRed();
  const res = await host.call('family', { action: 'add', name: '李四', idNumber: X.idNumber, relation: 'child' }, other);
  expect(res.status).toBe(400);
  expect(res.json.error.field).toBe('name');
  const asSelf = await host.call('report', await pathInput(host, other, 'green', { name: '李四', idNumber: X.idNumber }), other);
  expect(asSelf.status).toBe(400);
  expect(asSelf.json.error.field).toBe('name');
  expect(await host.store.count('reports')).toBe(1);
});

it('the community sees one person: both reports carry the same person, and the code is the red one', async () => {
  await ownerIsRed();
  await fileFor(host, other, 'green', X);
  const reports = await host.store.find('reports', {});
  expect(new Set(reports.map((r) => r.personId)).size).toBe(1);
});
