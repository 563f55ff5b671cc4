// Family members: one account adds them, files their reports and shows their codes; no other
// account can see any of it.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber } from '../support/residents';

let host: TestHost;
let resident: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterEach(() => host.close());

const GRANDMA = { name: '王奶奶', idNumber: idNumber('19450101', '222'), relation: 'grandparent' };
const add = (body: Record<string, unknown> = {}, cookie = resident) => host.call('family', { action: 'add', ...GRANDMA, ...body }, cookie);

it('adds a family member, files her report and switches between the two codes', async () => {
  await fileFor(host, resident, 'green');
  const res = await add();
  expect(res.status).toBe(200);
  const grandma = res.json.data.person;
  expect(grandma).toMatchObject({ name: '王奶奶', relation: 'grandparent', idNumberMasked: expect.stringMatching(/^450702\*{8}\d{3}[\dX]$/) });

  const report = await fileFor(host, resident, 'yellow-C', { personId: grandma.id, name: GRANDMA.name, idNumber: GRANDMA.idNumber });
  expect(report.decision.code).toBe('yellow');

  const list = (await host.call('family', { action: 'list' }, resident)).json.data.persons;
  expect(list.map((p: { name: string; relation: string }) => [p.name, p.relation])).toEqual([['王小明', 'self'], ['王奶奶', 'grandparent']]);
  const own = (await host.call('code', { action: 'mine' }, resident)).json.data;
  const hers = (await host.call('code', { action: 'mine', personId: grandma.id }, resident)).json.data;
  expect([own.person.name, own.decision.code]).toEqual(['王小明', 'green']);
  expect([hers.person.name, hers.decision.code, hers.personId]).toEqual(['王奶奶', 'yellow', grandma.id]);

  // Her window and her appeal are hers.
  const window = await host.call('movement', { action: 'apply', personId: grandma.id, hours: 4, from: '河池站', to: '城北路12号' }, resident);
  expect(window.status).toBe(200);
  expect((await host.call('code', { action: 'mine' }, resident)).json.data.movementWindow).toBeNull();
  expect((await host.call('code', { action: 'mine', personId: grandma.id }, resident)).json.data.movementWindow).toMatchObject({ hours: 4 });

  const reports = (await host.call('report', { action: 'list', personId: grandma.id }, resident)).json.data.reports;
  expect(reports.map((r: { id: string }) => r.id)).toEqual([report.id]);
});

it('privacy: another account cannot see a family member\'s report, code, history or appeals (404)', async () => {
  const grandma = (await add()).json.data.person;
  const report = await fileFor(host, resident, 'yellow-C', { personId: grandma.id, name: GRANDMA.name, idNumber: GRANDMA.idNumber });
  const other = await host.signIn('demo-resident-2');
  const calls: Array<[string, Record<string, unknown>]> = [
    ['report', { action: 'get', id: report.id }],
    ['report', { action: 'list', personId: grandma.id }],
    ['code', { action: 'mine', personId: grandma.id }],
    ['code', { action: 'history', personId: grandma.id }],
    ['appeal', { action: 'mine', personId: grandma.id }],
    ['appeal', { action: 'submit', personId: grandma.id, requestId: 'other-req-1', reason: '替别人申诉试试看看' }],
    ['movement', { action: 'apply', personId: grandma.id, hours: 2, from: '河池站', to: '某地址' }],
  ];
  for (const [fn, body] of calls) {
    const res = await host.call(fn, body, other);
    expect([fn, body.action, res.status]).toEqual([fn, body.action, 404]);
  }
  // Nor can another account file a report as her.
  const asHer = await host.call('report', { ...(await import('../support/residents').then((m) => m.pathInput(host, other, 'green', { personId: grandma.id, name: GRANDMA.name, idNumber: GRANDMA.idNumber }))) }, other);
  expect(asHer.status).toBe(404);
  expect((await host.call('family', { action: 'list' }, other)).json.data.persons).toEqual([]);
  expect(await host.store.count('appeals')).toBe(0);
  expect(await host.store.count('movementWindows')).toBe(0);
});

describe('bad input', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['a wrong check digit', { idNumber: GRANDMA.idNumber.slice(0, 17) + (GRANDMA.idNumber[17] === '1' ? '2' : '1') }, 'idNumber', /校验位不正确/],
    ['no name', { name: undefined }, 'name', /缺少「姓名」/],
    ['a bad phone', { phone: '123' }, 'phone', /手机号应为/],
    ['an unknown relation', { relation: 'neighbour' }, 'relation', /「与本人关系」不是可选的值/],
  ];
  it.each(cases)('%s: 400 in Chinese, nothing written', async (_n, body, field, message) => {
    const res = await add(body);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe(field);
    expect(res.json.error.message).toMatch(message);
    expect(await host.store.count('persons')).toBe(0);
  });

  it('the same member twice, or oneself: 409', async () => {
    await fileFor(host, resident, 'green');
    expect((await add()).status).toBe(200);
    expect((await add()).json.error.message).toContain('已添加');
    const self = await add({ name: '王小明', idNumber: idNumber() });
    expect(self.status).toBe(409);
    expect(self.json.error.message).toContain('本人');
    expect(await host.store.count('persons')).toBe(2);
  });

  it('a report for a family member must carry her name and ID number', async () => {
    const grandma = (await add()).json.data.person;
    const res = await host.call('report', await (await import('../support/residents')).pathInput(host, resident, 'green', { personId: grandma.id, name: GRANDMA.name }), resident);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('idNumber');
    expect(await host.store.count('reports')).toBe(0);
  });

  it('a first own report with a family member\'s ID number is refused', async () => {
    await add();
    const res = await host.call('report', await (await import('../support/residents')).pathInput(host, resident, 'green', { name: GRANDMA.name, idNumber: GRANDMA.idNumber }), resident);
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('家庭成员');
    expect(await host.store.count('reports')).toBe(0);
  });
});
