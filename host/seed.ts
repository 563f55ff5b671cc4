// First-start data for local mode: demo accounts (an arrival, a second resident and one per staff
// role) and a sample of a real risk-area list, so the app is usable at once.
import { createHash } from 'node:crypto';
import type { AccountDoc, RiskAreaDoc } from '../domain/store/collections';
import { putWholeVersion, type WholeList } from '../domain/services/risk-seed';
import type { Store } from '../domain/store/port';
import type { Divisions } from '../domain/divisions';
import { cityOf } from '../domain/divisions/codes';
import sample from './seed/risk-list-2022-04-15.sample.json';

/** The one account that may move the local demo clock (issue 13). */
export const DEMO_BUREAU = 'demo-bureau';

export const DEMO_ACCOUNTS: Array<Pick<AccountDoc, '_id' | 'role' | 'name' | 'jurisdiction'>> = [
  { _id: 'demo-arrival', role: 'resident', name: '王小明' },
  { _id: 'demo-resident-2', role: 'resident', name: '李芳' },
  { _id: 'demo-resident-3', role: 'resident', name: '张伟' },
  { _id: 'demo-resident-4', role: 'resident', name: '刘洋' },
  { _id: 'demo-bureau', role: 'bureau-admin', name: '韦主任', jurisdiction: '4512' },
  { _id: 'demo-platform', role: 'platform', name: '覃专员', jurisdiction: '451202' },
  { _id: 'demo-area-admin', role: 'area-admin', name: '蓝管理员', jurisdiction: '451202' },
  { _id: 'demo-community', role: 'community', name: '黄网格员', jurisdiction: '451202001' },
  { _id: 'demo-checkpoint', role: 'checkpoint', name: '莫卡口', jurisdiction: '451202' },
];

/** Resolves the sample list's names to codes; a row that does not resolve stops the seed. */
export function sampleRiskList(divisions: Divisions, publishedAt: string): WholeList {
  const areas: RiskAreaDoc[] = sample.areas.map((row) => {
    const countyCode = divisions.resolveCounty(row.province, row.city, row.county);
    if (!countyCode) throw new Error(`seed risk list: cannot resolve ${row.province}${row.city}${row.county}`);
    const id = `${countyCode}-${createHash('sha1').update(row.area).digest('hex').slice(0, 8)}`;
    return { ...row, id, level: row.level as RiskAreaDoc['level'], countyCode, cityCode: cityOf(countyCode) };
  });
  const confirmedCityCodes = sample.confirmedCities.map(({ province, city }) => {
    const p = divisions.children().find((d) => d.name === province);
    const c = p && divisions.children(p.code).find((d) => d.name === city);
    if (!c) throw new Error(`seed risk list: cannot resolve ${province}${city}`);
    return c.code;
  });
  return { date: sample.date, areas, confirmedCityCodes, publishedAt, publishedBy: 'demo-bureau', publishedByName: '韦主任' };
}

/** Seeds an empty database; does nothing when accounts exist (data is kept across restarts). */
export async function seedIfEmpty(store: Store, divisions: Divisions, now: Date): Promise<boolean> {
  if ((await store.count('accounts')) > 0) return false;
  const createdAt = now.toISOString();
  await putWholeVersion(store, sampleRiskList(divisions, createdAt));
  for (const account of DEMO_ACCOUNTS) await store.put('accounts', { ...account, createdAt });
  return true;
}
