// The risk-area registry through the local host: a day's list grouped by name, one decision per name
// remembered for later days (exclusions too), the preview and confirmation, versions and their
// differences a page at a time, a same-day revision, the quick query, and the re-coding a published
// list causes — stricter at once, looser to the area administrator.
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { divisions } from '../../domain/divisions';
import sample from '../../host/seed/risk-list-2022-04-15.sample.json';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, PLACES, reportInput } from '../support/reports';
import { csv, realList, serviceJson, uploadFile, xlsx, type ListRow } from '../support/risk-files';

/** Rows no rule resolves: a zone name whose areas name no street. */
const JINGYUE: ListRow[] = [
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区3栋2单元' },
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区5栋' },
];
const GAOXIN: ListRow = { level: 'medium', province: '陕西省', city: '西安市', county: '航天基地', area: '神舟四路1号院' };

async function allGroups(host: TestHost, cookie: string, draftId: string, status?: string) {
  const items: any[] = [];
  let cursor: string | undefined;
  do {
    const res = await host.call('risk', { action: 'groups', draftId, limit: 20, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }, cookie);
    expect(res.status).toBe(200);
    items.push(...res.json.data.items);
    cursor = res.json.data.nextCursor;
  } while (cursor);
  return items;
}

describe("publishing a day's list", () => {
  let host: TestHost;
  let bureau: string;
  let draftId: string;
  beforeAll(async () => {
    host = await startTestHost(new Date('2022-04-16T04:00:00Z'));
    bureau = await host.signIn('demo-bureau');
  });
  afterAll(() => host.close());
  const risk = (body: object, cookie = bureau) => host.call('risk', body, cookie);

  it("imports the real list of 2022-04-16 in the service's own JSON; names no rule resolves wait for the Bureau, grouped by name", async () => {
    const rows = [...realList('2022-04-16'), ...JINGYUE, GAOXIN];
    const fileId = await uploadFile(host, bureau, 'risk.json', serviceJson(rows, '2022-04-16 12时'));
    const res = await risk({ action: 'upload', date: '2022-04-16', fileId, fileName: 'risk.json', confirmedCities: ['广东省 深圳市', '广东省东莞市'] });
    expect(res.status).toBe(200);
    const { draft } = res.json.data;
    draftId = draft.draftId;
    expect(draft).toMatchObject({ draftId: '2022-04-16_r1_u1', format: 'json', revision: 1 });
    // The same upload sent again (a retry) answers the same draft and writes nothing more.
    const groupsBefore = await host.store.count('riskDraftGroups');
    const retry = await risk({ action: 'upload', date: '2022-04-16', fileId, fileName: 'risk.json', confirmedCities: ['广东省 深圳市', '广东省东莞市'] });
    expect(retry.json.data.draft.draftId).toBe('2022-04-16_r1_u1');
    expect(await host.store.count('riskDrafts')).toBe(1);
    expect(await host.store.count('riskDraftGroups')).toBe(groupsBefore);
    expect(await host.store.count('auditLog', { action: 'risk.upload' })).toBe(1);
    expect(draft.counts).toMatchObject({ rows: 192, open: 2, rowsExcluded: 0 });
    expect(draft.counts.entries.high + draft.counts.entries.medium).toBe(195);
    const open = await allGroups(host, bureau, draftId, 'open');
    expect(open.map((g) => `${g.city}${g.county}:${g.rows}`).sort()).toEqual(['西安市航天基地:1', '长春市净月区:2']);
    const jingyue = open.find((g) => g.county === '净月区');
    expect(jingyue.sample.map((s: any) => s.area)).toEqual(JINGYUE.map((r) => r.area));
    expect(jingyue.suggestions.map((s: any) => s.code)).toContain('220172');
    expect(jingyue.pickFrom.map((s: any) => s.code)).toContain('220102');
    expect(jingyue.provinceCode).toBe('22');
    // Beijing as the service writes it (city 朝阳区, county 酒仙桥街道) resolves to the district, the street moving into the area.
    const resolved = await allGroups(host, bureau, draftId, 'resolved');
    const beijing = resolved.find((g) => g.province === '北京市');
    expect(beijing).toMatchObject({ city: '朝阳区', county: '酒仙桥街道', countyCode: '110105', how: 'municipality' });
    const rowsOf = await risk({ action: 'groupRows', draftId, group: beijing.id });
    expect(rowsOf.json.data).toMatchObject({ total: 1, items: [{ areaText: '酒仙桥街道二街坊' }] });
    // Development zones are coded by their GB/T 2260 names or by the streets their areas name, and say so.
    expect(resolved.find((g) => g.county === '汽车经济技术开发区')).toMatchObject({ countyCode: '220174', how: 'zone' });
    expect(resolved.find((g) => g.county === '长春新区')).toMatchObject({ countyCode: '220173', how: 'street', part: '街道属于长春高新技术产业开发区' });
    expect(draft.cities.map((c: any) => c.cityCode)).toEqual(['4403', '4419']);
    expect(draft.blockers.join()).toContain('还有2组名称（共3个区域）未对应到区县');

    const preview = (await risk({ action: 'preview', draftId })).json.data.preview;
    expect(preview.blockers.length).toBeGreaterThan(0);
    const publish = await risk({ action: 'publish', draftId, confirm: true });
    expect(publish.status).toBe(400);
    expect(publish.json.error.message).toMatch(/名单还不能发布：还有2组名称/);
    expect(await host.store.count('riskVersions')).toBe(1);
    // Publishing without the confirmation is refused by the contract.
    expect((await risk({ action: 'publish', draftId })).status).toBe(400);
  });

  it("decides a name once for all its rows (inside its province only), excludes with a reason, previews and publishes an immutable version", async () => {
    const open = await allGroups(host, bureau, draftId, 'open');
    const jingyue = open.find((g) => g.county === '净月区');
    const wrong = await risk({ action: 'resolve', draftId, list: 'areas', target: jingyue.id, code: '110105' });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.message).toContain('不在该组的吉林省内');
    const mapped = await risk({ action: 'resolve', draftId, list: 'areas', target: jingyue.id, code: '220172' });
    expect(mapped.json.data.group).toMatchObject({ status: 'resolved', countyCode: '220172', how: 'mapping', rows: 2, decided: { byName: '韦主任', remembered: false } });
    const gaoxin = open.find((g) => g.county === '航天基地');
    expect((await risk({ action: 'exclude', draftId, list: 'areas', target: gaoxin.id, reason: '无' })).status).toBe(400);
    const excluded = await risk({ action: 'exclude', draftId, list: 'areas', target: gaoxin.id, reason: '跨多个区县，已电话核实，由属地另行通报' });
    expect(excluded.json.data.draft.blockers).toEqual([]);
    expect(excluded.json.data.draft.counts).toMatchObject({ open: 0, excluded: 1, rowsExcluded: 1 });

    const preview = (await risk({ action: 'preview', draftId })).json.data.preview;
    expect(preview).toMatchObject({ against: { versionId: '2022-04-15_r1', date: '2022-04-15' }, revision: false, areas: 194, blockers: [] });
    expect(preview.added - preview.removed).toBe(194 - 52);
    expect(preview.sampleCounties.length).toBeGreaterThan(0);

    const published = await risk({ action: 'publish', draftId, confirm: true });
    expect(published.status).toBe(200);
    expect(published.json.data.version).toMatchObject({ versionId: '2022-04-16_r1', date: '2022-04-16', status: 'published', areas: 194, previousDate: '2022-04-15', publishedByName: '韦主任', excluded: 1 });
    expect(published.json.data.job).toMatchObject({ status: 'done', phase: 'done' });
    // A retry of the same call returns the same version and writes nothing new.
    const retry = await risk({ action: 'publish', draftId, confirm: true });
    expect(retry.status).toBe(200);
    expect(await host.store.count('riskVersions')).toBe(2);
    expect((await risk({ action: 'resolve', draftId, list: 'areas', target: jingyue.id, code: '220171' })).status).toBe(409);
    expect(await host.store.count('auditLog', { action: 'risk.publish' })).toBe(1);

    const versions = (await risk({ action: 'versions', limit: 1 })).json.data;
    expect(versions).toMatchObject({ total: 2, items: [{ versionId: '2022-04-16_r1' }], nextCursor: '2022-04-16_r1' });
    const older = (await risk({ action: 'versions', limit: 1, cursor: versions.nextCursor })).json.data;
    expect(older.items.map((v: any) => v.versionId)).toEqual(['2022-04-15_r1']);
    expect(older.nextCursor).toBeUndefined();

    // Areas and the difference, a page at a time, adding up to the totals.
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = (await risk({ action: 'versionAreas', versionId: '2022-04-16_r1', limit: 37, ...(cursor ? { cursor } : {}) })).json.data;
      expect(page.items.length).toBeLessThanOrEqual(37);
      expect(page.total).toBe(194);
      for (const a of page.items) seen.add(a.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(194);
    const diff = (await risk({ action: 'versionDiff', versionId: '2022-04-16_r1', limit: 200 })).json.data;
    expect(diff.items.length).toBe(diff.total);
    expect(diff.items.filter((c: any) => c.change === 'added').length - diff.items.filter((c: any) => c.change === 'removed').length).toBe(194 - 52);

    // The report form offers the published areas of a county that was a development zone on the list.
    const resident = await host.signIn('demo-arrival');
    const areas = await host.call('division', { action: 'riskAreas', countyCode: '220172' }, resident);
    expect(areas.json.data.listDate).toBe('2022-04-16');
    expect(areas.json.data.areas.map((a: any) => a.area)).toEqual(expect.arrayContaining(JINGYUE.map((r) => r.area)));
  });

  it('remembers decisions for the next day — mappings and exclusions — and shows the difference from the previous version', async () => {
    host.clock.now = new Date('2022-04-17T02:00:00Z');
    bureau = await host.signIn('demo-bureau');
    const rows = [...realList('2022-04-16'), ...JINGYUE, GAOXIN];
    const removed = rows.find((r) => r.county === '汤原县')!;
    const lowered = rows.find((r) => r.county === '宽城区' && r.level === 'high')!;
    const next: ListRow[] = rows
      .filter((r) => r !== removed)
      .map((r) => (r === lowered ? { ...r, level: '中风险' } : r))
      .concat([{ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' }]);
    const fileId = await uploadFile(host, bureau, '0417.csv', csv(next));
    const { json } = await risk({ action: 'upload', date: '2022-04-17', fileId, fileName: '0417.csv' });
    const draft = json.data.draft;
    expect(draft).toMatchObject({ format: 'csv', counts: { open: 0, excluded: 1, remembered: 2 }, blockers: [] });
    const groups = await allGroups(host, bureau, draft.draftId);
    expect(groups.find((g) => g.county === '净月区')).toMatchObject({ countyCode: '220172', how: 'mapping', decided: { remembered: true } });
    expect(groups.find((g) => g.county === '航天基地' && g.city === '西安市')).toMatchObject({ status: 'excluded', excluded: { reason: '跨多个区县，已电话核实，由属地另行通报' } });

    const preview = (await risk({ action: 'preview', draftId: draft.draftId })).json.data.preview;
    expect(preview).toMatchObject({ added: 1, removed: 1, changed: 1 });
    expect((await risk({ action: 'publish', draftId: draft.draftId, confirm: true })).status).toBe(200);
    const diff = (await risk({ action: 'versionDiff', versionId: '2022-04-17_r1' })).json.data.items;
    expect(diff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ change: 'added', area: '新竹街道民族大道100号', kind: 'sealed', level: 'high', countyCode: '450103' }),
        expect.objectContaining({ change: 'removed', area: removed.area }),
        expect.objectContaining({ change: 'changed', area: lowered.area, kind: 'medium', fromKind: 'high' }),
      ]),
    );
    expect(diff).toHaveLength(3);
    const version = (await risk({ action: 'version', versionId: '2022-04-17_r1' })).json.data.version;
    expect(version).toMatchObject({ previousDate: '2022-04-16', kinds: { sealed: 1 }, changes: { added: 1, removed: 1, changed: 1 } });
  });

  it('corrects a published day with a new revision and a reason, never in place; older days cannot follow', async () => {
    const old = await risk({ action: 'upload', date: '2022-04-16', fileId: await uploadFile(host, bureau, 'a.csv', csv(realList('2022-04-16'))) });
    expect(old.status).toBe(409);
    expect(old.json.error.message).toContain('只能发布更晚日期的名单，或更正最新一天');
    const rows = [...realList('2022-04-16').filter((r) => r.county !== '汤原县'), ...JINGYUE];
    const upload = await risk({ action: 'upload', date: '2022-04-17', fileId: await uploadFile(host, bureau, 'fix.csv', csv(rows)) });
    expect(upload.status).toBe(200);
    const draft = upload.json.data.draft;
    expect(draft).toMatchObject({ draftId: '2022-04-17_r2_u1', revision: 2, supersedes: '2022-04-17_r1' });
    const preview = (await risk({ action: 'preview', draftId: draft.draftId })).json.data.preview;
    expect(preview.revision).toBe(true);
    expect(preview.warnings.join()).toContain('更正');
    const noReason = await risk({ action: 'publish', draftId: draft.draftId, confirm: true });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error).toMatchObject({ field: 'reason' });
    const fixed = await risk({ action: 'publish', draftId: draft.draftId, confirm: true, reason: '国家名单当日17时更正：新竹街道不在名单内' });
    expect(fixed.status).toBe(200);
    expect(fixed.json.data.version).toMatchObject({ versionId: '2022-04-17_r2', supersedes: '2022-04-17_r1', reason: expect.stringContaining('更正') });
    expect(await host.store.get('riskVersions', '2022-04-17_r1')).toMatchObject({ status: 'superseded', supersededBy: '2022-04-17_r2' });
    const q = (await host.call('risk', { action: 'query', code: '450103' }, bureau)).json.data;
    expect(q).toMatchObject({ listDate: '2022-04-17', hasRisk: false });
  });

  describe('the quick query (三(三))', () => {
    let staff: string;
    beforeAll(async () => {
      staff = await host.signIn('demo-community');
      bureau = await host.signIn('demo-bureau');
    });
    const query = (body: object, cookie = staff) => host.call('risk', { action: 'query', ...body }, cookie);

    it("answers for a city, a county, a municipality's district and street, a page of areas at a time", async () => {
      const city = (await query({ code: '2201', limit: 5 })).json.data;
      expect(city).toMatchObject({ hasRisk: true, confirmedCity: true, listDate: '2022-04-17', place: { fullName: '吉林省长春市', level: 'city' } });
      expect(city.summary).toMatch(/^吉林省长春市有高风险区\d+个、中风险区\d+个（2022年4月17日名单）$/);
      expect(city.areas.items).toHaveLength(5);
      expect(city.areas.total).toBeGreaterThan(5);
      const rest = (await query({ code: '2201', cursor: city.areas.nextCursor, limit: 200 })).json.data.areas;
      expect(5 + rest.items.length).toBe(city.areas.total);

      const district = (await query({ code: '110105' })).json.data;
      expect(district.areas.items.map((a: any) => a.area)).toContain('酒仙桥街道二街坊');

      const found = (await host.call('risk', { action: 'search', q: '酒仙桥' }, staff)).json.data.places;
      const street = found.find((p: any) => p.level === 'street');
      expect(street.fullName).toBe('北京市朝阳区酒仙桥街道');
      const streetAnswer = (await query({ code: street.code })).json.data;
      expect(streetAnswer).toMatchObject({ hasRisk: true, place: { level: 'street' }, areas: { total: 1 } });
      const other = divisions().children('110105').find((s) => s.name === '三里屯街道')!;
      expect((await query({ code: other.code })).json.data.hasRisk).toBe(false);
      expect((await query({ code: '4512' })).json.data).toMatchObject({ hasRisk: false, confirmedCity: false });
    });

    it("finds streets anywhere (团山街道) and the list's own names for zones the Bureau decided (净月区)", async () => {
      const tuanshan = (await host.call('risk', { action: 'search', q: '团山街道' }, staff)).json.data.places;
      expect(tuanshan.map((p: any) => p.fullName)).toContain('吉林省长春市宽城区团山街道');
      const zone = (await host.call('risk', { action: 'search', q: '净月区' }, staff)).json.data.places;
      expect(zone[0]).toMatchObject({ code: '220172', level: 'county' });
      expect(zone[0].fullName).toContain('名单写法');
      // A zone the rules resolved by its streets: the list's own name is found too.
      const newArea = (await host.call('risk', { action: 'search', q: '长春新区' }, staff)).json.data.places;
      expect(newArea[0]).toMatchObject({ code: '220173', name: '长春新区', level: 'county' });
      const street = (await host.call('risk', { action: 'search', q: '酒仙桥街道' }, staff)).json.data.places;
      expect(street.every((p: { level: string }) => p.level === 'street')).toBe(true);
      const none = (await host.call('risk', { action: 'search', q: '不存在的地名' }, staff)).json.data.places;
      expect(none).toEqual([]);
    });

    it("offers the report form a county's areas with those naming the picked street first", async () => {
      const resident = await host.signIn('demo-arrival');
      const street = divisions().children('110105').find((s) => s.name === '酒仙桥街道')!;
      const all = (await host.call('division', { action: 'riskAreas', countyCode: '110105' }, resident)).json.data;
      const narrowed = (await host.call('division', { action: 'riskAreas', countyCode: '110105', townCode: street.code }, resident)).json.data;
      expect(narrowed.town).toEqual({ name: '酒仙桥街道', matched: 1 });
      expect(narrowed.areas[0]).toMatchObject({ area: '酒仙桥街道二街坊', inTown: true });
      expect(narrowed.areas).toHaveLength(all.areas.length);
      const elsewhere = divisions().children('220103')[0]!.code;
      expect((await host.call('division', { action: 'riskAreas', countyCode: '110105', townCode: elsewhere }, resident)).json.data.town).toBeUndefined();
    });

    it('answers as of a chosen date, and never for the future', async () => {
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
    ['a header and no rows', 'a.csv', 'level,province,city,county,area\n', /没有任何风险区域/],
    ['a broken XLSX', 'a.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(500)]), /XLSX文件已损坏/],
    ['broken JSON', 'a.json', '{"highlist": [', /JSON格式有误/],
    ['an unknown level', 'a.csv', csv([{ ...good[0]!, level: '低风险' }, good[1]!]), /第2行：风险等级“低风险”无法识别（应为高风险、中风险、封控区或管控区）/],
    ['a row without its province', 'a.csv', csv([good[0]!, { ...good[1]!, province: '' }]), /第3行：缺少省份/],
    ['an area name past 2,000 characters', 'a.csv', csv([good[0]!, { ...good[1]!, area: '号'.repeat(2001) }]), /第3行：区域名称超过2000字/],
    ['a date in the future in the file', 'a.csv', 'date,level,province,city,county,area\n2022-04-30,high,吉林省,长春市,宽城区,团山街道\n', /文件中的日期2022年4月30日晚于今天/],
    ['rows of two days', 'a.csv', 'date,level,province,city,county,area\n2022-04-15,high,吉林省,长春市,宽城区,团山街道\n2022-04-16,high,吉林省,长春市,宽城区,团山\n', /第3行：日期2022-04-16与前面各行的2022-04-15不一致/],
  ])('%s', async (_what, name, content, message) => {
    const res = await tryUpload(name, content);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'BAD_INPUT', field: 'fileId' });
    expect(res.json.error.message).toMatch(message);
    expect(await host.store.count('riskDrafts')).toBe(0);
    expect(await host.store.count('riskDraftGroups')).toBe(0);
    expect(await host.store.count('riskVersions')).toBe(1);
  });

  it('keeps a repeated area once, with the stricter kind, and counts it — a real list is never refused for it', async () => {
    const res = await tryUpload('dup.csv', csv([good[1]!, good[0]!, { ...good[1]!, level: '高风险' }]));
    expect(res.status).toBe(200);
    expect(res.json.data.draft.counts).toMatchObject({ entries: { high: 2, medium: 1 }, duplicates: 1, rows: 2 });
    const groups = await allGroups(host, bureau, res.json.data.draft.draftId);
    expect(groups.find((g) => g.county === '安次区').sample).toEqual([expect.objectContaining({ kind: 'high' })]);
  });

  it('refuses a list dated in the future, or a file whose date is another day', async () => {
    const before = await host.store.count('riskDrafts');
    const future = await tryUpload('a.csv', csv(good), '2022-04-17');
    expect(future.status).toBe(400);
    expect(future.json.error).toMatchObject({ field: 'date', message: '名单日期2022年4月17日晚于今天，不能发布未来的名单' });
    const other = await tryUpload('a.json', serviceJson(good, '2022-04-15 20时'));
    expect(other.status).toBe(400);
    expect(other.json.error.message).toBe('文件中的名单日期为2022年4月15日，与所选的2022年4月16日不一致');
    expect(await host.store.count('riskDrafts')).toBe(before);
  });

  it('reads a GBK CSV (an Excel export) the same as UTF-8, and XLSX the same as CSV', async () => {
    const rows = realList('2022-04-15').slice(0, 40);
    const groupsOf = async (res: { json: any }) =>
      (await allGroups(host, bureau, res.json.data.draft.draftId)).map((g) => [g.province, g.city, g.county, g.rows, g.countyCode ?? null]).sort();
    const utf8 = await tryUpload('utf8.csv', csv(rows));
    const gbk = await tryUpload('gbk.csv', iconv.encode(csv(rows), 'gbk'));
    expect(gbk.status).toBe(200);
    const sheet = await tryUpload('list.xlsx', await xlsx(rows));
    expect(sheet.status).toBe(200);
    expect(sheet.json.data.draft.format).toBe('xlsx');
    expect(await groupsOf(gbk)).toEqual(await groupsOf(utf8));
    expect(await groupsOf(sheet)).toEqual(await groupsOf(utf8));
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

  it("re-evaluates only the affected active reports: stricter at once with the list's date, looser to the worklist", async () => {
    // The next day's list: 汤原县 cleared, a sealed zone in 南宁市青秀区.
    const rows: ListRow[] = sample.areas.filter((a) => a.county !== '汤原县');
    rows.push({ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' });
    const fileId = await uploadFile(host, bureau, 'next.csv', csv(rows));
    const upload = await host.call('risk', { action: 'upload', date: '2022-04-16', fileId, confirmedCities: ['广东省 深圳市'] }, bureau);
    const draftId = upload.json.data.draft.draftId;
    const preview = (await host.call('risk', { action: 'preview', draftId }, bureau)).json.data.preview;
    // 汤原县 and 青秀区 changed (and with them 佳木斯市 and 南宁市): two of the four reports' places.
    expect(preview).toMatchObject({ counties: 2, cities: 2, arrivalsTouched: 2 });
    const res = await host.call('risk', { action: 'publish', draftId, confirm: true }, bureau);
    expect(res.status).toBe(200);
    expect(res.json.data.job).toMatchObject({ status: 'done', recode: { windowStart: '2022-03-19', reportsRead: 2, stricter: 1, looser: 1, unchanged: 0 } });

    const stricter = await host.store.get('codes', persons['demo-resident-2']!);
    expect(stricter).toMatchObject({ color: 'red', decision: { clause: '一(二)1', riskListDate: '2022-04-16' } });
    expect(stricter!.decision.reason).toMatch(/^按2022年4月16日发布的中高风险地区名单重新赋码：14天内到过中高风险地区所在县（市、区）（广西壮族自治区南宁市青秀区）/);
    const events = await host.store.find('codeEvents', { where: { personId: persons['demo-resident-2']! } });
    expect(events.map((e) => [e.source, e.from, e.to, e.actorId ?? null])).toEqual([
      ['report', null, 'green', null],
      ['recode', 'green', 'red', 'demo-bureau'],
    ]);
    const mine = await host.call('code', { action: 'mine' }, cookies['demo-resident-2']);
    expect(mine.json.data.decision.code).toBe('red');

    // Looser never applies by itself.
    expect(await host.store.get('codes', persons['demo-arrival']!)).toMatchObject({ color: 'red', decision: { clause: '一(一)1' } });
    expect(await host.store.get('codes', persons['demo-resident-3']!)).toMatchObject({ color: 'red' });
    expect((await host.store.get('codes', persons['demo-resident-4']!))!.color).toBe('green');
  });

  it("puts the looser result in the area administrator's worklist, who applies it with a reason", async () => {
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
