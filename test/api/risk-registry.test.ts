// The risk-area registry through the local host: a real day's list with its naming problems, hand
// mappings remembered for the next day, versions and their differences, the quick query, and the
// re-coding a published list causes — stricter at once, looser to the area administrator.
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { divisions } from '../../domain/divisions';
import sample from '../../host/seed/risk-list-2022-04-15.sample.json';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, PLACES, reportInput } from '../support/reports';
import { csv, realList, serviceJson, uploadFile, xlsx, type ListRow } from '../support/risk-files';

const NOT_COUNTIES = ['长春新区', '净月区', '汽车经济技术开发区', '经开区', '高新区', '西咸新区'];

describe('publishing a day\'s list', () => {
  let host: TestHost;
  let bureau: string;
  beforeAll(async () => {
    host = await startTestHost(new Date('2022-04-16T04:00:00Z'));
    bureau = await host.signIn('demo-bureau');
  });
  afterAll(() => host.close());

  const risk = (body: object, cookie = bureau) => host.call('risk', body, cookie);
  const rowOf = (draft: any, county: string, city?: string) =>
    draft.rows.find((r: any) => r.county === county && (!city || r.city === city));

  it('imports the real list of 2022-04-16 in the service\'s own JSON; names that are not counties wait for staff, nothing is guessed', async () => {
    const fileId = await uploadFile(host, bureau, 'risk.json', serviceJson(realList('2022-04-16'), '2022-04-16 12时'));
    const res = await risk({ action: 'upload', date: '2022-04-16', fileId, fileName: 'risk.json', confirmedCities: ['广东省 深圳市', '广东省东莞市'] });
    expect(res.status).toBe(200);
    const { draft } = res.json.data;
    expect(draft.format).toBe('json');
    expect(draft.counts.rows).toBe(192);
    const open = draft.rows.filter((r: any) => !r.countyCode);
    expect(new Set(open.map((r: any) => r.county))).toEqual(new Set(NOT_COUNTIES));
    // Beijing as the service writes it (city 朝阳区, county 酒仙桥街道) resolves to the district, the street into the area.
    const beijing = draft.rows.find((r: any) => r.province === '北京市');
    expect(beijing).toMatchObject({ city: '朝阳区', county: '酒仙桥街道', countyCode: '110105', how: 'municipality', areaText: '酒仙桥街道二街坊' });
    expect(rowOf(draft, '净月区').suggestions.map((s: any) => s.code)).toContain('220172');
    expect(rowOf(draft, '净月区').pickFrom.map((s: any) => s.code)).toContain('220102');
    expect(draft.cities.map((c: any) => c.cityCode)).toEqual(['4403', '4419']);
    expect(draft.blockers.join()).toContain('未对应到区县');

    const publish = await risk({ action: 'publish', date: '2022-04-16' });
    expect(publish.status).toBe(400);
    expect(publish.json.error.message).toMatch(/还有\d+行未对应到区县/);
    expect(await host.store.count('riskLists')).toBe(1);
  });

  it('maps by hand (inside the row\'s province only), excludes with a reason, then publishes an immutable version', async () => {
    let { json } = await risk({ action: 'draft', date: '2022-04-16' });
    const row = (county: string, city?: string) => rowOf(json.data.draft, county, city).row;
    const wrong = await risk({ action: 'resolve', date: '2022-04-16', list: 'areas', row: row('净月区'), code: '110105' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain('不在该行的吉林省内');
    for (const [county, city, code] of [
      ['净月区', '长春市', '220172'],
      ['长春新区', '长春市', '220173'],
      ['经开区', '长春市', '220171'],
      ['汽车经济技术开发区', '长春市', '220174'],
      ['经开区', '吉林市', '220271'],
    ] as const) {
      ({ json } = await risk({ action: 'resolve', date: '2022-04-16', list: 'areas', row: row(county, city), code }));
      // Every row with the same names follows the mapping.
      expect(json.data.draft.rows.filter((r: any) => r.county === county && r.city === city).every((r: any) => r.countyCode === code)).toBe(true);
    }
    const short = await risk({ action: 'exclude', date: '2022-04-16', list: 'areas', row: row('高新区'), reason: '无' });
    expect(short.status).toBe(400);
    for (const r of json.data.draft.rows.filter((x: any) => ['高新区', '西咸新区'].includes(x.county))) {
      ({ json } = await risk({ action: 'exclude', date: '2022-04-16', list: 'areas', row: r.row, reason: '跨多个区县，已电话核实，由属地另行通报' }));
    }
    expect(json.data.draft.blockers).toEqual([]);
    expect(json.data.draft.counts).toMatchObject({ rows: 192, excluded: 4, unresolved: 0 });

    const published = await risk({ action: 'publish', date: '2022-04-16' });
    expect(published.status).toBe(200);
    expect(published.json.data.version).toMatchObject({ date: '2022-04-16', areas: 188, previousDate: '2022-04-15', publishedByName: '韦主任' });
    expect((await risk({ action: 'publish', date: '2022-04-16' })).status).toBe(409);
    const again = await risk({ action: 'upload', date: '2022-04-16', fileId: await uploadFile(host, bureau, 'a.csv', csv(realList('2022-04-16'))) });
    expect(again.status).toBe(409);

    const versions = (await risk({ action: 'versions' })).json.data.versions;
    expect(versions.map((v: any) => v.date)).toEqual(['2022-04-16', '2022-04-15']);
    const version = (await risk({ action: 'version', date: '2022-04-16' })).json.data.version;
    expect(version.excluded.map((e: any) => e.county).sort()).toEqual(['西咸新区', '西咸新区', '西咸新区', '高新区'].sort());
    expect(version.diff.from).toBe('2022-04-15');
    expect(version.diff.added.length).toBe(188 - 52 + version.diff.removed.length);
    const audits = await host.store.find('auditLog', { where: { action: 'risk.publish' } });
    expect(audits).toHaveLength(1);

    // The report form offers the published areas of a county that was a development zone on the list.
    const resident = await host.signIn('demo-arrival');
    const areas = await host.call('division', { action: 'riskAreas', countyCode: '220172' }, resident);
    expect(areas.json.data.listDate).toBe('2022-04-16');
    expect(areas.json.data.areas.length).toBe(2);
  });

  it('remembers the mappings for the next day, and shows the difference from the previous version', async () => {
    host.clock.now = new Date('2022-04-17T02:00:00Z');
    const rows = realList('2022-04-16');
    const removed = rows.find((r) => r.county === '汤原县')!;
    const lowered = rows.find((r) => r.county === '宽城区' && r.level === 'high')!;
    const next: ListRow[] = rows
      .filter((r) => r !== removed)
      .map((r) => (r === lowered ? { ...r, level: '中风险' } : r))
      .concat([{ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' }]);
    const fileId = await uploadFile(host, bureau, '0417.csv', csv(next));
    const { json } = await risk({ action: 'upload', date: '2022-04-17', fileId, fileName: '0417.csv' });
    const draft = json.data.draft;
    expect(draft.format).toBe('csv');
    expect(rowOf(draft, '净月区')).toMatchObject({ countyCode: '220172', how: 'mapping' });
    // Exclusions are per list: only the rows excluded yesterday are open again.
    expect(new Set(draft.rows.filter((r: any) => !r.countyCode).map((r: any) => r.county))).toEqual(new Set(['高新区', '西咸新区']));
    expect(draft.diff.added.map((a: any) => a.area)).toEqual(['新竹街道民族大道100号']);
    expect(draft.diff.added[0]).toMatchObject({ kind: 'sealed', level: 'high', countyCode: '450103' });
    expect(draft.diff.removed.map((a: any) => a.area)).toEqual([removed.area]);
    expect(draft.diff.changed).toEqual([expect.objectContaining({ area: lowered.area, kind: 'medium', fromKind: 'high' })]);

    for (const r of draft.rows.filter((x: any) => !x.countyCode)) {
      await risk({ action: 'exclude', date: '2022-04-17', list: 'areas', row: r.row, reason: '跨多个区县，待国家名单更正' });
    }
    expect((await risk({ action: 'publish', date: '2022-04-17' })).status).toBe(200);
    const version = (await risk({ action: 'version', date: '2022-04-17' })).json.data.version;
    expect(version.diff).toMatchObject({ from: '2022-04-16', to: '2022-04-17' });
    expect(version.diff.added).toHaveLength(1);
    expect(version.kinds.sealed).toBe(1);
  });

  describe('the quick query (三(三))', () => {
    let staff: string;
    beforeAll(async () => {
      staff = await host.signIn('demo-community');
    });
    const query = (body: object, cookie = staff) => host.call('risk', { action: 'query', ...body }, cookie);

    it('answers for a city, a county, a municipality\'s district and street', async () => {
      const city = (await query({ code: '2201' })).json.data;
      expect(city).toMatchObject({ hasRisk: true, confirmedCity: true, listDate: '2022-04-17', place: { fullName: '吉林省长春市', level: 'city' } });
      expect(city.summary).toMatch(/^吉林省长春市有高风险区\d+个、中风险区\d+个（2022年4月17日名单）$/);

      const district = (await query({ code: '110105' })).json.data;
      expect(district.areas.map((a: any) => a.area)).toContain('酒仙桥街道二街坊');

      const found = (await host.call('risk', { action: 'search', q: '酒仙桥' }, staff)).json.data.places;
      const street = found.find((p: any) => p.level === 'street');
      expect(street.fullName).toBe('北京市朝阳区酒仙桥街道');
      const streetAnswer = (await query({ code: street.code })).json.data;
      expect(streetAnswer).toMatchObject({ hasRisk: true, place: { level: 'street' } });
      expect(streetAnswer.areas).toHaveLength(1);
      const other = divisions().children('110105').find((s) => s.name === '三里屯街道')!;
      expect((await query({ code: other.code })).json.data.hasRisk).toBe(false);

      const sealed = (await query({ code: '450103' })).json.data;
      expect(sealed.kinds).toEqual({ high: 0, medium: 0, sealed: 1, controlled: 0 });
      expect(sealed.summary).toContain('封控区1个');
      expect((await query({ code: '4512' })).json.data).toMatchObject({ hasRisk: false, confirmedCity: false });
    });

    it('answers as of a chosen date, and never for the future', async () => {
      const before = (await query({ code: '450103', date: '2022-04-16' })).json.data;
      expect(before).toMatchObject({ listDate: '2022-04-16', hasRisk: false });
      const first = (await query({ code: '230828', date: '2022-04-15' })).json.data;
      expect(first.hasRisk).toBe(true);
      const none = (await query({ code: '230828', date: '2022-04-10' })).json.data;
      expect(none).toMatchObject({ listDate: null, hasRisk: false, summary: '2022年4月10日前尚未发布风险区域名单' });
      const future = await query({ code: '2201', date: '2022-04-18' });
      expect(future.status).toBe(400);
      expect(future.json.error.message).toBe('查询日期不能晚于今天');
    });

    it('is for staff only; publishing is for the Bureau only', async () => {
      const resident = await host.signIn('demo-arrival');
      expect((await query({ code: '2201' }, resident)).status).toBe(403);
      expect((await host.call('risk', { action: 'draft', date: '2022-04-17' }, staff)).status).toBe(403);
      expect((await query({ code: '999999' })).status).toBe(400);
    });
  });
});

describe('bad files: a clear message naming the row and the problem, and nothing kept', () => {
  let host: TestHost;
  let bureau: string;
  beforeAll(async () => {
    host = await startTestHost(new Date('2022-04-16T04:00:00Z'));
    bureau = await host.signIn('demo-bureau');
  });
  afterAll(() => host.close());
  const good: ListRow[] = [
    { level: 'high', province: '吉林省', city: '长春市', county: '宽城区', area: '团山街道小南街社区' },
    { level: '中风险', province: '河北省', city: '廊坊市', county: '安次区', area: '东沽港镇淘河村' },
  ];
  async function tryUpload(name: string, content: Buffer | string, date = '2022-04-16') {
    const fileId = await uploadFile(host, bureau, name, content);
    return host.call('risk', { action: 'upload', date, fileId, fileName: name }, bureau);
  }

  it.each([
    ['wrong columns', 'a.csv', '姓名,地址\n张三,北京\n', /第1行表头缺少“风险等级”、“省份”、“城市”、“县（市、区）”、“区域”列（现为：姓名,地址）/],
    ['an empty file', 'a.csv', '', /文件是空的/],
    ['a header and no rows', 'a.csv', 'level,province,city,county,area\n', /没有任何风险区域/],
    ['10 MB of garbage', 'a.csv', randomBytes(10 * 1024 * 1024), /文件过大（超过5MB）/],
    ['a little garbage', 'a.csv', randomBytes(20_000), /文件内容无法识别/],
    ['a broken XLSX', 'a.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(500)]), /XLSX文件已损坏/],
    ['broken JSON', 'a.json', '{"highlist": [', /JSON格式有误/],
    ['duplicate rows', 'a.csv', csv([...good, good[0]!]), /名单有1处问题，未保存：第4行：与第2行重复（吉林省长春市宽城区团山街道小南街社区）/],
    ['an unknown level', 'a.csv', csv([{ ...good[0]!, level: '低风险' }, good[1]!]), /第2行：风险等级“低风险”无法识别（应为高风险、中风险、封控区或管控区）/],
    ['a row without its province', 'a.csv', csv([good[0]!, { ...good[1]!, province: '' }]), /第3行：缺少省份/],
    ['a date in the future in the file', 'a.csv', 'date,level,province,city,county,area\n2022-04-30,high,吉林省,长春市,宽城区,团山街道\n', /文件中的日期2022年4月30日晚于今天/],
    ['rows of two days', 'a.csv', 'date,level,province,city,county,area\n2022-04-15,high,吉林省,长春市,宽城区,团山街道\n2022-04-16,high,吉林省,长春市,宽城区,团山\n', /第3行：日期2022-04-16与前面各行的2022-04-15不一致/],
  ])('%s', async (_what, name, content, message) => {
    const res = await tryUpload(name, content);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'BAD_INPUT', field: 'fileId' });
    expect(res.json.error.message).toMatch(message);
    expect(await host.store.count('riskDrafts')).toBe(0);
    expect(await host.store.count('riskLists')).toBe(1);
  });

  it('refuses a list dated in the future, or a file whose date is another day', async () => {
    const future = await tryUpload('a.csv', csv(good), '2022-04-17');
    expect(future.status).toBe(400);
    expect(future.json.error).toMatchObject({ field: 'date', message: '名单日期2022年4月17日晚于今天，不能发布未来的名单' });
    const other = await tryUpload('a.json', serviceJson(good, '2022-04-15 20时'));
    expect(other.status).toBe(400);
    expect(other.json.error.message).toBe('文件中的名单日期为2022年4月15日，与所选的2022年4月16日不一致');
    expect(await host.store.count('riskDrafts')).toBe(0);
  });

  it('reads a GBK CSV (an Excel export) the same as UTF-8, and XLSX the same as CSV', async () => {
    const rows = realList('2022-04-15').slice(0, 40);
    const utf8 = (await tryUpload('utf8.csv', csv(rows))).json.data.draft.rows;
    const gbk = await tryUpload('gbk.csv', iconv.encode(csv(rows), 'gbk'));
    expect(gbk.status).toBe(200);
    const sheet = await tryUpload('list.xlsx', await xlsx(rows));
    expect(sheet.status).toBe(200);
    expect(sheet.json.data.draft.format).toBe('xlsx');
    const texts = (list: any[]) => list.map((r) => [r.kind, r.province, r.city, r.county, r.area, r.countyCode ?? null]);
    expect(texts(gbk.json.data.draft.rows)).toEqual(texts(utf8));
    expect(texts(sheet.json.data.draft.rows)).toEqual(texts(utf8));
    expect(utf8[0]).toMatchObject({ province: '北京市', area: '酒仙桥街道二街坊', countyCode: '110105' });
  });
});

describe('re-coding arrivals when the list changes', () => {
  let host: TestHost;
  let bureau: string;
  const tangyuan = divisions().children('230828')[0]!.code;
  const cookies: Record<string, string> = {};
  const persons: Record<string, string> = {};

  beforeAll(async () => {
    host = await startTestHost(new Date('2022-04-16T04:00:00Z'));
    bureau = await host.signIn('demo-bureau');
    for (const id of ['demo-arrival', 'demo-resident-2', 'demo-resident-3', 'demo-resident-4']) cookies[id] = await host.signIn(id);
    const tangyuanAreas = (await host.call('division', { action: 'riskAreas', countyCode: '230828' }, cookies['demo-arrival'])).json.data.areas;
    const file = async (account: string, serial: string, townCode: string, arrivalDate: string, riskAreaIds?: string[]) => {
      const res = await host.call(
        'report',
        reportInput(host.clock.now, {
          idNumber: idNumber('19900307', serial),
          arrivalDate,
          itinerary: [{ townCode, departDate: arrivalDate, ...(riskAreaIds ? { riskAreaIds } : {}) }],
        }),
        cookies[account],
      );
      expect(res.status).toBe(200);
      persons[account] = (await host.store.get('accounts', account))!.selfPersonId!;
      return res.json.data.report.decision;
    };
    // Stayed in a listed area of 汤原县: red 一(一)1. From 南宁 (no risk): green. From 宽城区 outside its areas: red 一(二)1.
    expect((await file('demo-arrival', '123', tangyuan, '2022-04-14', [tangyuanAreas[0].id])).clause).toBe('一(一)1');
    expect((await file('demo-resident-2', '234', PLACES.nanningTown, '2022-04-14')).code).toBe('green');
    expect((await file('demo-resident-3', '345', PLACES.kuanchengTown, '2022-04-14', [])).clause).toBe('一(二)1');
    // Arrived 32 days ago from 南宁: past the 28-day window, never read again.
    expect((await file('demo-resident-4', '456', PLACES.nanningTown, '2022-03-15')).code).toBe('green');
  });
  afterAll(() => host.close());

  it('re-evaluates only the affected active reports: stricter at once with the list\'s date, looser to the worklist', async () => {
    // The next day's list: 汤原县 cleared, a sealed zone in 南宁市青秀区.
    const rows: ListRow[] = sample.areas.filter((a) => a.county !== '汤原县');
    rows.push({ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' });
    const fileId = await uploadFile(host, bureau, 'next.csv', csv(rows));
    const upload = await host.call('risk', { action: 'upload', date: '2022-04-16', fileId, confirmedCities: ['广东省 深圳市'] }, bureau);
    expect(upload.json.data.draft.diff).toMatchObject({ counties: 2, cities: 2 });
    const res = await host.call('risk', { action: 'publish', date: '2022-04-16' }, bureau);
    expect(res.status).toBe(200);
    // 汤原县 and 青秀区 changed (and with them 佳木斯市 and 南宁市): two of the four reports are read.
    expect(res.json.data.recode).toMatchObject({ windowStart: '2022-03-19', reportsRead: 2, stricter: 1, looser: 1, unchanged: 0 });

    const stricter = await host.store.get('codes', persons['demo-resident-2']!);
    expect(stricter).toMatchObject({ color: 'red', decision: { clause: '一(二)1', riskListDate: '2022-04-16' } });
    expect(stricter!.decision.reason).toMatch(/^按2022年4月16日发布的中高风险地区名单重新赋码：14天内到过中高风险地区所在县（市、区）（广西壮族自治区南宁市青秀区）/);
    const events = await host.store.find('codeEvents', { where: { personId: persons['demo-resident-2']! } });
    expect(events.map((e) => [e.source, e.from, e.to])).toEqual([
      ['report', null, 'green'],
      ['recode', 'green', 'red'],
    ]);
    const recodeAudit = await host.store.find('auditLog', { where: { action: 'risk.recode' } });
    expect(recodeAudit).toEqual([expect.objectContaining({ actorId: 'demo-bureau', target: `persons/${persons['demo-resident-2']}` })]);
    const mine = await host.call('code', { action: 'mine' }, cookies['demo-resident-2']);
    expect(mine.json.data.decision.code).toBe('red');

    // Looser never applies by itself.
    expect(await host.store.get('codes', persons['demo-arrival']!)).toMatchObject({ color: 'red', decision: { clause: '一(一)1' } });
    expect(await host.store.get('codes', persons['demo-resident-3']!)).toMatchObject({ color: 'red' });
    expect((await host.store.get('codes', persons['demo-resident-4']!))!.color).toBe('green');
  });

  it('puts the looser result in the area administrator\'s worklist, who applies it with a reason', async () => {
    const admin = await host.signIn('demo-area-admin');
    const list = await host.call('risk', { action: 'recodeWorklist' }, admin);
    expect(list.status).toBe(200);
    expect(list.json.data.items).toEqual([
      expect.objectContaining({
        listDate: '2022-04-16',
        status: 'pending',
        name: '王小明',
        idNumberMasked: expect.stringMatching(/^\d{6}\*+\w{4}$/),
        from: { color: 'red', clause: '一(一)1', category: 'A' },
        proposed: expect.objectContaining({ code: 'green', category: 'none' }),
      }),
    ]);
    const id = list.json.data.items[0].id;
    expect((await host.call('risk', { action: 'recodeWorklist' }, bureau)).status).toBe(403);
    expect((await host.call('risk', { action: 'recodeDecide', id, apply: true, reason: '好' }, admin)).status).toBe(400);

    const done = await host.call('risk', { action: 'recodeDecide', id, apply: true, reason: '汤原县已移出名单，电话核实无其他行程' }, admin);
    expect(done.status).toBe(200);
    expect(done.json.data.item.status).toBe('applied');
    const code = await host.store.get('codes', persons['demo-arrival']!);
    expect(code).toMatchObject({ color: 'green' });
    expect(code!.decision.reason).toMatch(/^区划管理员确认：按2022年4月16日发布的中高风险地区名单重新赋码/);
    const events = await host.store.find('codeEvents', { where: { personId: persons['demo-arrival']! } });
    expect(events.map((e) => [e.source, e.to, e.actorId ?? null])).toEqual([
      ['report', 'red', null],
      ['recode', 'green', 'demo-area-admin'],
    ]);
    expect(await host.store.count('auditLog', { action: 'risk.recodeApply' })).toBe(1);
    expect((await host.call('risk', { action: 'recodeDecide', id, apply: true, reason: '再次确认一下' }, admin)).status).toBe(409);
    expect((await host.call('risk', { action: 'recodeWorklist' }, admin)).json.data.items).toEqual([]);
  });
});
