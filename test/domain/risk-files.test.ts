// Every real national list of 2022 (the query service's own files, test/fixtures/risk-service-2022)
// imports as published: the areas read per list equal the file's own hcount/mcount, low-risk entries
// are counted (lcount) and never risk areas, long names are kept whole; and the names the national
// list writes in its own ways — 海南's province-run counties, 新疆生产建设兵团, municipalities — resolve.
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { riskFiles } from '../../bench/risk-days';
import { divisions } from '../../domain/divisions';
import { importList, MAX_NAME_CHARS } from '../../domain/services/risk-import';
import { groupByName, resolveName } from '../../domain/services/risk-resolve';

const d = divisions();
const files = riskFiles();

describe.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
  it('imports whole, each list counted as the file counts it, low-risk entries apart', async () => {
    const stated = (JSON.parse(file.bytes.toString('utf8')) as { data: { hcount: number; mcount: number; lcount?: number } }).data;
    const list = await importList(file.bytes, file.name, '2030-01-01');
    expect(list.entries).toEqual({ high: stated.hcount, medium: stated.mcount });
    expect(list.stated).toEqual({ high: stated.hcount, medium: stated.mcount, low: stated.lcount ?? null });
    expect(list.low).toBe(stated.lcount ?? 0);
    expect(list.rows.length + list.duplicates).toBe(stated.hcount + stated.mcount);
    expect(list.date).toBe(file.date);
    // Long names are kept whole.
    const longest = Math.max(...list.rows.map((r) => r.area.length));
    const raw = JSON.parse(file.bytes.toString('utf8')) as { data: { highlist: Array<{ communitys: string[] }>; middlelist: Array<{ communitys: string[] }> } };
    const rawLongest = Math.max(...[...raw.data.highlist, ...raw.data.middlelist].flatMap((i) => i.communitys.map((c) => c.replace(/\s+/g, ' ').trim().length)));
    expect(longest).toBe(rawLongest);
  });
});

/** A service file's entries as the rows of a sheet: level, province, city, county, area. */
function sheetRows(bytes: Buffer): string[][] {
  const data = (JSON.parse(bytes.toString('utf8')) as { data: Record<string, Array<{ province: string; city: string; county: string; communitys: string[] }>> }).data;
  return (['highlist', 'middlelist'] as const).flatMap((key) =>
    (data[key] ?? []).flatMap((item) => item.communitys.map((area) => [key === 'highlist' ? '高风险' : '中风险', item.province, item.city, item.county, area])),
  );
}
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

describe('the same content as CSV (UTF-8 with BOM, Excel\'s CSV UTF-8: GBK cannot hold every character of the real names) and XLSX', () => {
  it.each([['2022-12-01', 'csv'], ['2022-11-15', 'xlsx']] as const)('%s as %s reads the same rows as the service file', async (date, format) => {
    const file = files.find((f) => f.date === date)!;
    const fromJson = await importList(file.bytes, file.name, '2030-01-01');
    const rows = sheetRows(file.bytes);
    let bytes: Buffer;
    if (format === 'csv') {
      bytes = Buffer.from(`\uFEFF${['风险等级,省份,城市,县（市、区）,区域', ...rows.map((r) => r.map(quote).join(','))].join('\r\n')}`, 'utf8');
    } else {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名单');
      sheet.addRow(['风险等级', '省份', '城市', '县（市、区）', '区域']);
      for (const r of rows) sheet.addRow(r);
      bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    }
    const fromSheet = await importList(bytes, `list.${format}`, '2030-01-01');
    expect(fromSheet.entries).toEqual(fromJson.entries);
    expect(fromSheet.duplicates).toBe(fromJson.duplicates);
    const key = (r: { kind: string; province: string; city: string; county: string; area: string }) => [r.kind, r.province, r.city, r.county, r.area].join('|');
    expect(fromSheet.rows.map(key)).toEqual(fromJson.rows.map(key));
  }, 60_000);
});

describe('names the national list writes its own way', () => {
  it('resolves 海南 province-run counties, 兵团 divisions by their city, and Chongqing written as its own city', async () => {
    const file = files.find((f) => f.date === '2022-12-01')!;
    const list = await importList(file.bytes, file.name, '2030-01-01');
    const groups = groupByName(d, list.rows);
    const code = (province: string, city: string, county: string, part?: string) => {
      const g = groups.find((x) => x.province === province && x.city === city && x.county === county && (part === undefined || x.part === part));
      expect(g).toBeDefined();
      return resolveName(d, g!).countyCode;
    };
    expect(code('海南省', '省直辖县级行政单位', '万宁市')).toBe('469006');
    expect(code('海南省', '省直辖县级行政单位', '东方市')).toBe('469007');
    expect(code('海南省', '省直辖县级行政单位', '澄迈县')).toBe('469023');
    expect(code('海南省', '省直辖县级行政单位', '乐东黎族自治县')).toBe('469027');
    expect(code('湖北省', '省直辖县级行政单位', '神农架林区')).toBe('429021');
    expect(code('新疆生产建设兵团', '新疆生产建设兵团', '新疆生产建设兵团', '第八师')).toBe('659001');
    expect(code('重庆市', '重庆市', '渝中区')).toBe('500103');
    // A 兵团 division with no city of its own waits for the Bureau, like any name no rule resolves.
    expect(resolveName(d, { province: '新疆生产建设兵团', city: '新疆生产建设兵团', county: '新疆生产建设兵团', part: '第十二师' }).countyCode).toBeUndefined();
  });

  it('resolves a county written as the city (河北省 辛集市 辛集市) and a development zone by its GB/T name, never one that means two', () => {
    expect(resolveName(d, { province: '河北省', city: '辛集市', county: '辛集市' }).countyCode).toBe('130181');
    expect(resolveName(d, { province: '吉林省', city: '长春市', county: '汽车经济技术开发区' })).toMatchObject({ countyCode: '220174', how: 'zone' });
    expect(resolveName(d, { province: '河北省', city: '石家庄市', county: '循环化工园区' })).toMatchObject({ countyCode: '130172', how: 'zone' });
    // 东营 has two 经济开发区-like zones: 经济技术开发区 means neither for sure.
    expect(resolveName(d, { province: '山东省', city: '东营市', county: '经济技术开发区' }).countyCode).toBeUndefined();
    expect(resolveName(d, { province: '黑龙江省', city: '大兴安岭地区', county: '新林区(虚拟)' }).countyCode).toBe('232763');
  });

  it('splits a zone no rule resolves by the streets its areas name; the rest stay together for one decision', () => {
    const rows = [
      { row: 1, level: 'high' as const, kind: 'high' as const, province: '重庆市', city: '重庆市', county: '重庆高新区', area: '白市驿镇九里村19社' },
      { row: 2, level: 'high' as const, kind: 'high' as const, province: '重庆市', city: '重庆市', county: '重庆高新区', area: '曾家镇龙桥社区' },
      { row: 3, level: 'high' as const, kind: 'high' as const, province: '重庆市', city: '重庆市', county: '重庆高新区', area: '金凤小区' },
    ];
    const groups = groupByName(d, rows);
    expect(groups.map((g) => [g.part ?? '', g.rows.length, resolveName(d, g).countyCode ?? null])).toEqual([
      ['街道属于九龙坡区', 1, '500107'],
      ['街道属于沙坪坝区', 1, '500106'],
      ['', 1, null],
    ]);
  });

  it('keeps a 700-character area whole, through CSV as through JSON', async () => {
    const area = `${'某村'.repeat(10)}${Array.from({ length: 200 }, (_, i) => `${i + 1}号`).join('、')}`.slice(0, 700);
    expect(area.length).toBe(700);
    expect(area.length).toBeLessThan(MAX_NAME_CHARS);
    const csv = `风险等级,省份,城市,县（市、区）,区域\r\n高风险,吉林省,长春市,宽城区,"${area}"\r\n`;
    const fromCsv = await importList(iconv.encode(csv, 'gbk'), 'a.csv', '2030-01-01');
    expect(fromCsv.rows[0]!.area).toBe(area);
    const json = JSON.stringify({ data: { end_update_time: '2022-12-01 08时', hcount: 1, mcount: 0, highlist: [{ province: '吉林省', city: '长春市', county: '宽城区', communitys: [area] }], middlelist: [] } });
    expect((await importList(Buffer.from(json), 'a.json', '2030-01-01')).rows[0]!.area).toBe(area);
  });
});
