// Community daily list and verification (二(三)), first-question transfers (三(一)), nucleic-acid
// results and conversions (一(*)1, 一(*)3), through the local host.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startTestHost, type TestHost } from '../support/local-host';
import { PLACES, reportInput } from '../support/reports';
import { addArrival, addStaff, AREAS, counts, requestId, verifyInput } from '../support/staff';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
let community: string;
beforeEach(async () => {
  host = await startTestHost();
  community = await host.signIn('demo-community');
});
afterEach(() => host.close());

const days = (n: number) => new Date(host.clock.now.getTime() + n * 86_400_000);

async function lastAudit(action: string) {
  const [entry] = await host.store.find('auditLog', { where: { action }, orderBy: [['at', 'desc']], limit: 1 });
  return entry;
}

describe('community daily list and verification (二(三))', () => {
  it('lists today first with masked identifiers; the handling view is full and audited', async () => {
    const a = await addArrival(host);
    // An older, unhandled arrival and one outside the township.
    const older = await addArrival(host, { arrivalDate: addDays(localDate(host.clock.now), -5), itinerary: [{ townCode: PLACES.nanguanTown, departDate: addDays(localDate(host.clock.now), -5) }] });
    await addArrival(host, { destination: { villageCode: AREAS.otherTownVillage, address: '东江路1号' } });
    host.clock.now = days(1);
    const today = await addArrival(host, { arrivalDate: localDate(host.clock.now), itinerary: [{ townCode: PLACES.nanguanTown, departDate: localDate(host.clock.now) }] });

    const list = await host.call('arrivals', { action: 'list' }, community);
    expect(list.status).toBe(200);
    const ids = list.json.data.arrivals.map((r: { reportId: string }) => r.reportId);
    expect(ids).toEqual([today.reportId, a.reportId, older.reportId]);
    const row = list.json.data.arrivals[0];
    expect(row).toMatchObject({ today: true, status: 'new', code: 'yellow', clause: '一(三)1', phoneMasked: '138****8000' });
    expect(row.idNumberMasked).toMatch(/^450702\*{8}/);
    expect(JSON.stringify(list.json)).not.toContain(today.idNumber);
    expect(await lastAudit('arrivals.list')).toMatchObject({ actorId: 'demo-community', role: 'community', after: { count: 3 } });

    const detail = await host.call('arrivals', { action: 'get', reportId: a.reportId }, community);
    expect(detail.status).toBe(200);
    expect(detail.json.data.arrival.report.idNumber).toBe(a.idNumber);
    expect(detail.json.data.arrival.riskCheck.text).toBe('按2022年4月15日名单核查：到过有确诊病例的设区市');
    expect(await lastAudit('arrivals.read')).toMatchObject({ actorId: 'demo-community', target: `reports/${a.reportId}` });
  });

  it('home health monitoring gives yellow 二(三) with its reason; the resident sees it; a retry writes once', async () => {
    const a = await addArrival(host, { itinerary: [{ townCode: PLACES.nanningTown, departDate: reportInput(host.clock.now).arrivalDate }] });
    expect((await host.call('code', { action: 'mine' }, a.cookie)).json.data.decision.code).toBe('green');
    const input = verifyInput(host, a.reportId, { originTownCode: PLACES.nanningTown });
    const res = await host.call('arrivals', input, community);
    expect(res.status).toBe(200);
    expect(res.json.data.arrival).toMatchObject({ status: 'coded', currentCode: { code: 'yellow', clause: '二(三)', movementWindowEligible: false } });
    expect(res.json.data.arrival.verifications[0]).toMatchObject({ reached: true, measure: 'home-health-monitoring', code: 'yellow', actorName: '黄网格员' });
    const mine = await host.call('code', { action: 'mine' }, a.cookie);
    expect(mine.json.data.decision).toMatchObject({ code: 'yellow', clause: '二(三)' });
    expect(mine.json.data.decision.reason).toContain('居家健康监测');

    const before = await counts(host);
    const again = await host.call('arrivals', input, community);
    expect(again.json.data.duplicate).toBe(true);
    expect(await counts(host)).toEqual(before);
    expect(await lastAudit('arrivals.verify')).toMatchObject({
      before: { code: 'green', status: 'new' },
      after: { reached: true, measure: 'home-health-monitoring', code: 'yellow', clause: '二(三)' },
    });
  });

  it('centralized isolation gives red; not reached is recorded without a code change', async () => {
    const a = await addArrival(host);
    const unreached = await host.call('arrivals', { action: 'verify', requestId: requestId(), reportId: a.reportId, reached: false, notes: '电话无人接听' }, community);
    expect(unreached.status).toBe(200);
    expect(unreached.json.data.arrival.status).toBe('unreached');
    expect(unreached.json.data.arrival.currentCode.code).toBe('yellow');
    const red = await host.call('arrivals', verifyInput(host, a.reportId, { measure: 'centralized-isolation' }), community);
    expect(red.json.data.arrival.currentCode).toMatchObject({ code: 'red', clause: '二(三)' });
    expect(red.json.data.arrival.codeEvents.map((e: { source: string; to: string }) => `${e.source}:${e.to}`)).toEqual(['report:yellow', 'measure:red']);
  });
});

describe('first-question responsibility (三(一))', () => {
  it('refuses a transfer before verification and coding, and without a contact', async () => {
    const a = await addArrival(host);
    const transfer = { action: 'transfer', requestId: requestId(), reportId: a.reportId, toVillageCode: AREAS.otherCountyVillage, toAddress: '文昌路8号', contactName: '覃干部', contactPhone: '13911112222' };
    const early = await host.call('arrivals', transfer, community);
    expect(early.status).toBe(409);
    expect(early.json.error.message).toBe('须先电话核实并确定管控措施（赋码）后，才能转派（首问负责制）');
    await host.call('arrivals', verifyInput(host, a.reportId, { destination: { villageCode: AREAS.otherCountyVillage, address: '文昌路8号' } }), community);
    const before = await counts(host);
    const noContact = await host.call('arrivals', { ...transfer, requestId: requestId(), contactName: undefined, contactPhone: undefined }, community);
    expect(noContact.status).toBe(400);
    expect(noContact.json.error).toMatchObject({ field: 'contactName', message: '请从联系人名录中选择告知的管控人员，或填写其姓名和电话' });
    expect(await counts(host)).toEqual(before);
  });

  it('after verification the report goes to the receiving area with the contact, which sees it; the chain is whole', async () => {
    const bureau = await host.signIn('demo-bureau');
    const contact = await host.call('staff', { action: 'saveContact', divisionCode: AREAS.otherCounty, name: '覃干部', title: '宜州区健康码专班', phone: '13911112222' }, bureau);
    expect(contact.status).toBe(200);
    const a = await addArrival(host);
    const verified = await host.call('arrivals', verifyInput(host, a.reportId, { destination: { villageCode: AREAS.otherCountyVillage, address: '文昌路8号' } }), community);
    expect(verified.json.data.arrival.verifications[0].destination).toMatchObject({ corrected: true });
    const contacts = await host.call('staff', { action: 'listContacts', divisionCode: AREAS.otherCountyVillage }, community);
    expect(contacts.json.data.contacts).toHaveLength(1);
    const res = await host.call('arrivals', { action: 'transfer', requestId: requestId(), reportId: a.reportId, toVillageCode: AREAS.otherCountyVillage, toAddress: '文昌路8号', contactId: contacts.json.data.contacts[0].id }, community);
    expect(res.status).toBe(200);
    expect(res.json.data.arrival.transfers[0]).toMatchObject({ contact: { name: '覃干部', phone: '13911112222' }, to: '广西壮族自治区河池市宜州区庆远镇文昌社区居委会' });
    expect(await lastAudit('arrivals.transfer')).toMatchObject({ actorId: 'demo-community', after: { contact: { name: '覃干部', phone: '13911112222' } } });

    // It left this township's list and is in the receiving area's, unhandled there.
    const mine = await host.call('arrivals', { action: 'list' }, community);
    expect(mine.json.data.arrivals.map((r: { reportId: string }) => r.reportId)).not.toContain(a.reportId);
    const receiving = await addStaff(host, 'yizhou-community', 'community', AREAS.otherCountyTown);
    const theirs = await host.call('arrivals', { action: 'list' }, receiving);
    expect(theirs.json.data.arrivals).toEqual([expect.objectContaining({ reportId: a.reportId, status: 'transferred', today: true })]);
    const chain = await host.call('arrivals', { action: 'get', reportId: a.reportId }, receiving);
    expect(chain.json.data.arrival.verifications).toHaveLength(1);
    expect(chain.json.data.arrival.transfers).toHaveLength(1);
    expect(chain.json.data.arrival.codeEvents.map((e: { source: string }) => e.source)).toEqual(['report', 'measure']);
    // The first handler can no longer touch it.
    expect((await host.call('arrivals', { action: 'get', reportId: a.reportId }, community)).status).toBe(403);
    // Its code went with it: on the receiving county's conversion worklist, off ours.
    const worklist = async (cookie: string) => {
      const res = await host.call('conversions', { action: 'list' }, cookie);
      return [...res.json.data.due, ...res.json.data.waiting].map((i: { personId: string }) => i.personId);
    };
    expect(await worklist(await addStaff(host, 'yizhou-admin', 'area-admin', AREAS.otherCounty))).toContain(a.personId);
    expect(await worklist(await host.signIn('demo-area-admin'))).not.toContain(a.personId);
  });
});

describe('nucleic-acid results', () => {
  it('records one result for a person in the jurisdiction; 404 for one outside; once only', async () => {
    const a = await addArrival(host);
    const res = await host.call('nucleic', { action: 'record', idNumber: a.idNumber, sampleDate: localDate(host.clock.now), result: 'negative' }, community);
    expect(res.json.data).toEqual({ recorded: 1, duplicate: false, name: a.name });
    const again = await host.call('nucleic', { action: 'record', idNumber: a.idNumber, sampleDate: localDate(host.clock.now), result: 'negative' }, community);
    expect(again.json.data.duplicate).toBe(true);
    expect(await host.store.count('testResults')).toBe(1);
    const other = await addStaff(host, 'dongjiang', 'community', AREAS.otherTown);
    const outside = await host.call('nucleic', { action: 'record', idNumber: a.idNumber, sampleDate: localDate(host.clock.now), result: 'negative' }, other);
    expect(outside.status).toBe(404);
  });

  async function upload(bytes: Buffer, name: string): Promise<string> {
    const boundary = '----saoma';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await host.app.inject({ method: 'POST', url: '/local/upload', headers: { cookie: community, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    return res.json().data.fileId;
  }

  it('imports a GBK CSV: matched rows recorded, unmatched rows reported one by one', async () => {
    const a = await addArrival(host);
    const b = await addArrival(host);
    const today = localDate(host.clock.now);
    const csv = `身份证号,姓名,采样日期,检测结果,检测机构\n${a.idNumber},张,${today},阴性,金城江区人民医院\n${b.idNumber},李,${today.replace(/-/g, '/')},阴性,\n110101199003074514,王,${today},阴性,\n`;
    const fileId = await upload(iconv.encode(csv, 'gbk'), 'results.csv');
    const res = await host.call('nucleic', { action: 'import', fileId, fileName: 'results.csv' }, community);
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ rows: 3, recorded: 2, duplicates: 0, errors: [{ row: 4, idNumberMasked: '110101********4514', message: '您的管辖范围内没有该身份证号的报备人员' }] });
    expect(await lastAudit('tests.import')).toMatchObject({ after: { rows: 3, recorded: 2, unmatched: 1 } });
    // The same import again (a retry whose answer was lost): the same answer, nothing written twice.
    const rowsBefore = await host.store.count('testResults');
    const again = await host.call('nucleic', { action: 'import', fileId, fileName: 'results.csv' }, community);
    expect(again.json.data).toEqual(res.json.data);
    expect(await host.store.count('testResults')).toBe(rowsBefore);
    expect(await host.store.count('auditLog', { action: 'tests.import' })).toBe(1);
  });

  it('imports an XLSX with real date cells', async () => {
    const a = await addArrival(host);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('结果');
    sheet.addRow(['证件号码', '采样时间', '结果']);
    sheet.addRow([a.idNumber, new Date(`${localDate(host.clock.now)}T00:00:00Z`), '阴性']);
    const fileId = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'results.xlsx');
    const res = await host.call('nucleic', { action: 'import', fileId }, community);
    expect(res.json.data).toMatchObject({ rows: 1, recorded: 1, errors: [] });
  });

  it('refuses a file with a malformed row whole: nothing written, every bad row named', async () => {
    const a = await addArrival(host);
    const today = localDate(host.clock.now);
    const fileId = await upload(Buffer.from(`身份证号,采样日期,检测结果\n${a.idNumber},${today},阴性\n${a.idNumber},2022-13-40,阴性\n12345,${today},不明\n`), 'bad.csv');
    const before = await counts(host);
    const res = await host.call('nucleic', { action: 'import', fileId }, community);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toBe('文件有2行有误，未导入任何结果：第3行：采样日期不是有效的日期（应为 YYYY-MM-DD）；第4行：身份证号应为18位，前17位为数字，最后一位为数字或X');
    expect(await counts(host)).toEqual(before);
    const noColumn = await upload(Buffer.from('姓名,结果\n张三,阴性\n'), 'x.csv');
    expect((await host.call('nucleic', { action: 'import', fileId: noColumn }, community)).json.error.message).toMatch(/^表头缺少“身份证号”、“采样日期”列/);
  });
});

describe('conversions (一(*)1, 一(*)3)', () => {
  let admin: string;
  beforeEach(async () => {
    admin = await host.signIn('demo-area-admin');
  });

  it('yellow by home monitoring turns green after 7 days and a negative result, citing the clause', async () => {
    const a = await addArrival(host);
    await host.call('arrivals', verifyInput(host, a.reportId), community);
    const waiting = await host.call('conversions', { action: 'list' }, admin);
    expect(waiting.json.data.waiting).toEqual([expect.objectContaining({ personId: a.personId, from: 'yellow', to: 'green', clause: '一(三)2', due: false, dueDate: addDays(localDate(host.clock.now), 7) })]);

    // Not due, no reason: refused, nothing written.
    const before = await counts(host);
    const early = await host.call('conversions', { action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }] }, admin);
    expect(early.status).toBe(400);
    expect(early.json.error.field).toBe('reason');
    expect(early.json.error.message).toContain('尚未到期');
    expect(await counts(host)).toEqual(before);

    host.clock.now = days(7);
    const noTest = await host.call('conversions', { action: 'list' }, admin);
    expect(noTest.json.data.waiting[0]).toMatchObject({ due: false, missing: 'negative-test' });
    await host.call('nucleic', { action: 'record', idNumber: a.idNumber, sampleDate: localDate(days(-1)), result: 'negative' }, community);
    const due = await host.call('conversions', { action: 'list' }, admin);
    expect(due.json.data.due).toEqual([expect.objectContaining({ personId: a.personId, due: true })]);
    const res = await host.call('conversions', { action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }] }, admin);
    expect(res.json.data).toEqual({ converted: [{ personId: a.personId, to: 'green', clause: '一(三)2', override: false }], skipped: [] });
    const mine = await host.call('code', { action: 'mine' }, a.cookie);
    expect(mine.json.data.decision).toMatchObject({ code: 'green', clause: '一(三)2' });
    expect(mine.json.data.decision.reason).toContain('按通知一(三)2将黄码转为绿码');
    const entry = await lastAudit('conversions.confirm');
    expect(entry).toMatchObject({ actorId: 'demo-area-admin', before: { code: 'yellow' }, after: { code: 'green', clause: '一(三)2' } });
    expect(entry!.override).toBeUndefined();
    // A retried batch skips what is done.
    const retry = await host.call('conversions', { action: 'confirm', items: [{ personId: a.personId, from: 'yellow' }] }, admin);
    expect(retry.json.data).toEqual({ converted: [], skipped: [a.personId] });
  });

  it('an early red→yellow needs a reason, is marked as an override, and its yellow has no movement window', async () => {
    const [areaId] = (await host.call('division', { action: 'riskAreas', countyCode: '220103' }, community)).json.data.areas.map((x: { id: string }) => x.id);
    const arrival = reportInput(host.clock.now).arrivalDate;
    const a = await addArrival(host, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [areaId] }] });
    const res = await host.call('conversions', { action: 'confirm', items: [{ personId: a.personId, from: 'red' }], reason: '经专家评估可提前进入健康监测' }, admin);
    expect(res.json.data.converted).toEqual([{ personId: a.personId, to: 'yellow', clause: '一(一)1', override: true }]);
    const entry = await lastAudit('conversions.confirm');
    expect(entry).toMatchObject({ override: true, reason: '经专家评估可提前进入健康监测' });
    const mine = await host.call('code', { action: 'mine' }, a.cookie);
    expect(mine.json.data.decision).toMatchObject({ code: 'yellow', clause: '一(一)1', movementWindowEligible: false });
  });

  it('a red due at day 14 (一(一)1) is on the due list and converts without a reason', async () => {
    const [areaId] = (await host.call('division', { action: 'riskAreas', countyCode: '220103' }, community)).json.data.areas.map((x: { id: string }) => x.id);
    const arrival = reportInput(host.clock.now).arrivalDate;
    const a = await addArrival(host, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [areaId] }] });
    host.clock.now = days(11);
    const list = await host.call('conversions', { action: 'list' }, admin);
    expect(list.json.data.due).toEqual([expect.objectContaining({ personId: a.personId, from: 'red', to: 'yellow', clause: '一(一)1', dueDate: addDays(arrival, 14) })]);
    const res = await host.call('conversions', { action: 'confirm', items: [{ personId: a.personId, from: 'red' }] }, admin);
    expect(res.json.data.converted[0]).toMatchObject({ override: false, clause: '一(一)1' });
  });
});
