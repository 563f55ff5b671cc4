// The Bureau's daily quality figures against a seeded pair of days whose counts are known; the list
// behind a number; the XLSX export read back.
import ExcelJS from 'exceljs';
import { startTestHost, type TestHost } from '../support/local-host';
import { PLACES, idNumber, reportInput } from '../support/reports';
import type { AppealDoc, CheckpointCheckDoc } from '../../domain/store/collections';

let host: TestHost;
let bureau: string;
const reports: Record<string, { id: string; personId: string }> = {};
// "Now" is 2022-04-16 12:00 in Asia/Shanghai.
const NOW = new Date('2022-04-16T04:00:00Z');

async function fileAt(instant: string, account: string, name: string, id: string) {
  host.clock.now = new Date(instant);
  const cookie = await host.signIn(account);
  const res = await host.call('report', reportInput(host.clock.now, { name, idNumber: id }), cookie);
  expect(res.status).toBe(200);
  const doc = (await host.store.get('reports', res.json.data.report.id))!;
  return { id: doc._id, personId: doc.personId };
}

beforeAll(async () => {
  host = await startTestHost(NOW);
  reports.r1 = await fileAt('2022-04-15T02:00:00Z', 'demo-arrival', '王小明', idNumber()); // 04-15 10:00
  reports.r2 = await fileAt('2022-04-15T02:30:00Z', 'demo-resident-2', '李芳', idNumber('19880512', '246')); // 04-15 10:30
  reports.r3 = await fileAt('2022-04-16T01:00:00Z', 'demo-resident-3', '张伟', idNumber('19751120', '351')); // 04-16 09:00
  host.clock.now = NOW;
  const s = host.store;
  await s.insert('verifications', { _id: 'v1', reportId: reports.r1!.id, personId: reports.r1!.personId, at: '2022-04-15T07:00:00Z', actorId: 'demo-community', reached: true, notes: '', measure: 'home-health-monitoring', code: 'yellow', clause: '二(三)' });
  await s.insert('transfers', { _id: 't1', reportId: reports.r1!.id, at: '2022-04-16T02:00:00Z', actorId: 'demo-community', from: { villageCode: PLACES.hechiVillage }, to: { villageCode: '451203001001', countyCode: '451203', address: '庆远镇1号' }, contact: { name: '覃联系', phone: '13900000000' } });
  const appeal = (id: string, createdAt: string, deadline: string, extra: Partial<AppealDoc>): AppealDoc => ({
    _id: id, personId: reports.r1!.personId, accountId: 'demo-arrival', requestId: id, openKey: id, countyCode: '451202', reportId: reports.r1!.id,
    codeAtSubmit: { color: 'yellow', clause: '二(三)' }, reason: '已完成核酸检测', photos: [], status: 'open', createdAt, deadline, escalated: false, ...extra,
  });
  await s.insert('appeals', appeal('a1', '2022-04-15T08:00:00Z', '2022-04-16T08:00:00Z', { status: 'answered', onTime: true, answer: { outcome: 'stands', reason: '符合规则', answeredBy: 'demo-platform', answeredRole: 'platform', answeredAt: '2022-04-15T12:00:00Z' } }));
  await s.insert('appeals', appeal('a2', '2022-04-14T10:00:00Z', '2022-04-15T10:00:00Z', {}));
  const check = (id: string, at: string, extra: Partial<CheckpointCheckDoc>): CheckpointCheckDoc => ({ _id: id, at, staffId: 'demo-checkpoint', checkpoint: '金城江区卡口', countyCode: '451202', kind: 'verify', result: 'shown', ...extra });
  await s.insert('checkpointChecks', check('k1', '2022-04-16T02:10:00Z', { personId: reports.r3!.personId, reportId: reports.r3!.id }));
  await s.insert('checkpointChecks', check('k2', '2022-04-16T02:20:00Z', { result: 'refused', refusal: 'expired' }));
  await s.insert('checkpointChecks', check('c_k1', '2022-04-16T02:11:00Z', { kind: 'checks', result: 'flagged', personId: reports.r3!.personId }));
  await s.insert('reportFlags', { _id: 'f_k1', reportId: reports.r3!.id, personId: reports.r3!.personId, villageCode: PLACES.hechiVillage, countyCode: '451202', at: '2022-04-16T02:11:00Z', staffId: 'demo-checkpoint', checkpoint: '金城江区卡口', problems: ['return-date'], note: '日期不符' });
  bureau = await host.signIn('demo-bureau');
});
afterAll(() => host.close());

const daily = async (body: Record<string, unknown> = {}) => host.call('dashboard', { action: 'daily', ...body }, bureau);

it('counts each metric per county and day, as seeded', async () => {
  const res = await daily();
  expect(res.status).toBe(200);
  const { rows, totals, counties, from, to } = res.json.data;
  expect([from, to]).toEqual(['2022-04-03', '2022-04-16']);
  expect(counties).toHaveLength(11);
  expect(rows).toHaveLength(14 * 11);
  const row = (date: string, county = '451202') => rows.find((r: any) => r.date === date && r.countyCode === county);
  expect(row('2022-04-15')).toEqual({
    date: '2022-04-15', countyCode: '451202',
    received: 2, verified: 1, coded: 1, transferred: 0, pendingOver24h: 0,
    appealsAnswered: 1, appealsOnTime: 1, appealsOverdue: 1, checkpointChecks: 0, checkpointFlags: 0,
  });
  expect(row('2022-04-16')).toEqual({
    date: '2022-04-16', countyCode: '451202',
    received: 1, verified: 0, coded: 0, transferred: 1, pendingOver24h: 1,
    appealsAnswered: 0, appealsOnTime: 0, appealsOverdue: 0, checkpointChecks: 2, checkpointFlags: 1,
  });
  expect(row('2022-04-16', '451203').received).toBe(0);
  expect(totals).toMatchObject({ received: 3, verified: 1, transferred: 1, pendingOver24h: 1, appealsOverdue: 1, checkpointChecks: 2 });
});

it('lists the records behind a number, masked, and audits the read', async () => {
  const res = await host.call('dashboard', { action: 'list', date: '2022-04-16', countyCode: '451202', metric: 'pendingOver24h' }, bureau);
  expect(res.json.data.rows).toEqual([
    expect.objectContaining({ ref: `reports/${reports.r2!.id}`, nameMasked: '李*', idNumberMasked: expect.stringContaining('********') }),
  ]);
  const flags = await host.call('dashboard', { action: 'list', date: '2022-04-16', countyCode: '451202', metric: 'checkpointFlags' }, bureau);
  expect(flags.json.data.rows[0].detail).toContain('日期不符');
  expect(await host.store.count('auditLog', { action: 'dashboard.list' })).toBe(2);
});

it('exports the daily table to XLSX that reads back', async () => {
  const res = await host.call('dashboard', { action: 'export', table: 'daily', from: '2022-04-15', to: '2022-04-16' }, bureau);
  expect(res.json.data.fileName).toBe('每日处理质量_2022-04-15_2022-04-16.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(res.json.data.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('每日处理质量')!;
  expect(sheet.getRow(1).values).toEqual([undefined, '日期', '县（市、区）', '收到报备', '已核实', '已赋码', '已转派', '超24小时未核实', '申诉已答复', '申诉24小时内答复', '申诉超时', '卡口核验', '卡口标记问题']);
  const jinchengjiang = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === '2022-04-15' && r.getCell(2).value === '金城江区')!;
  expect(jinchengjiang.getCell(3).value).toBe(2);
  expect(sheet.rowCount).toBe(1 + 2 * 11 + 1);
  const list = await host.call('dashboard', { action: 'export', table: 'list', date: '2022-04-16', countyCode: '451202', metric: 'checkpointChecks' }, bureau);
  const listBook = new ExcelJS.Workbook();
  await listBook.xlsx.load(Buffer.from(list.json.data.base64, 'base64') as unknown as ArrayBuffer);
  expect(listBook.worksheets[0]!.rowCount).toBe(3);
});

it('is the Bureau\'s alone, and refuses bad ranges in Chinese', async () => {
  expect((await host.call('dashboard', { action: 'daily' }, await host.signIn('demo-platform'))).status).toBe(403);
  expect((await daily({ to: '2022-04-17' })).json.error).toMatchObject({ message: '结束日期不能晚于今天', field: 'to' });
  expect((await daily({ from: '2022-04-16', to: '2022-04-15' })).json.error.message).toBe('开始日期不能晚于结束日期');
  expect((await daily({ from: '2022-03-01' })).json.error.message).toBe('一次最多查看31天');
  expect((await daily({ from: '2022-4-1' })).json.error.message).toBe('「开始日期」格式不正确');
  expect((await host.call('dashboard', { action: 'list', date: '2022-04-16', countyCode: '450103', metric: 'received' }, bureau)).status).toBe(400);
});
