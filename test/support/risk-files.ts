// Risk-area list files as the Bureau receives them, built from the real lists of 2022-04-15/16
// (test/fixtures, copied from the State Council query service's archive).
import ExcelJS from 'exceljs';
import fixture from '../fixtures/risk-areas-2022-04-15-16.json';
import type { TestHost } from './local-host';

export interface ListRow {
  level: string;
  province: string;
  city: string;
  county: string;
  area: string;
}

/** The real national list of a day (191 areas on 04-15, 192 on 04-16). */
export function realList(date: '2022-04-15' | '2022-04-16'): ListRow[] {
  return (fixture as Array<ListRow & { date: string }>).filter((r) => r.date === date).map(({ date: _, ...r }) => r);
}

/**
 * The service's own JSON: highlist/middlelist items with communitys, and Beijing written as the service
 * wrote it (city = the district, county = the street, the rest of the area in communitys).
 */
export function serviceJson(rows: ListRow[], stamp: string): string {
  const groups = new Map<string, { province: string; city: string; county: string; area_name: string; communitys: string[]; level: string }>();
  for (const r of rows) {
    let { city, county, area } = r;
    const street = /^(.+?街道)(.+)$/.exec(area);
    if (r.province === '北京市' && street) [city, county, area] = [county, street[1]!, street[2]!];
    const key = [r.level, r.province, city, county].join('|');
    const g = groups.get(key) ?? { province: r.province, city, county, area_name: `${r.province} ${city} ${county}`, communitys: [], level: r.level };
    g.communitys.push(area);
    groups.set(key, g);
  }
  const items = [...groups.values()];
  const strip = ({ level: _, ...g }: (typeof items)[number]) => ({ type: '', ...g });
  return JSON.stringify({
    code: 0,
    msg: '成功',
    data: {
      end_update_time: stamp,
      hcount: items.filter((g) => g.level === 'high').length,
      mcount: items.filter((g) => g.level === 'medium').length,
      highlist: items.filter((g) => g.level === 'high').map(strip),
      middlelist: items.filter((g) => g.level === 'medium').map(strip),
    },
  });
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
export function csv(rows: ListRow[], header = '风险等级,省份,城市,县（市、区）,区域'): string {
  return [header, ...rows.map((r) => [r.level, r.province, r.city, r.county, r.area].map(quote).join(','))].join('\r\n') + '\r\n';
}

export async function xlsx(rows: ListRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('中高风险地区');
  sheet.addRow(['level', 'province', 'city', 'county', 'area']);
  for (const r of rows) sheet.addRow([r.level, r.province, r.city, r.county, r.area]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads through the local stand-in for wx.cloud.uploadFile; answers the file id. */
export async function uploadFile(host: TestHost, cookie: string, name: string, content: Buffer | string): Promise<string> {
  const boundary = '----saoma-risk';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const res = await host.app.inject({
    method: 'POST',
    url: '/local/upload',
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
  });
  if (res.statusCode !== 200) throw new Error(`upload failed: ${res.body}`);
  return res.json().data.fileId as string;
}
