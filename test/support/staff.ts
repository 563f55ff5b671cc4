// Staff fixtures for the back-office API tests: staff accounts with a role and jurisdiction, and
// arrivals (a resident account that filed a report) to work on.
import type { Role } from '../../types/model';
import type { TestHost } from './local-host';
import { idNumber, PLACES, reportInput } from './reports';

export const AREAS = {
  /** 河池市金城江区金城江街道城北社区 — where the demo arrivals go. */
  village: PLACES.hechiVillage,
  town: '451202001',
  county: '451202',
  /** Same county, another township: 东江镇东江社区. */
  otherTownVillage: '451202101001',
  otherTown: '451202101',
  /** Another county: 宜州区庆远镇文昌社区. */
  otherCountyVillage: '451203100001',
  otherCountyTown: '451203100',
  otherCounty: '451203',
};

let serial = 100;

export async function addStaff(host: TestHost, id: string, role: Exclude<Role, 'resident'>, jurisdiction: string): Promise<string> {
  await host.store.put('accounts', { _id: id, role, name: `测试${id}`, jurisdiction, phone: '13700000000', createdAt: host.clock.now.toISOString() });
  return host.signIn(id);
}

export interface Arrival {
  reportId: string;
  personId: string;
  idNumber: string;
  cookie: string;
  name: string;
}

/** A new resident files a report (default: from a city with confirmed cases → yellow 一(三)1). */
export async function addArrival(host: TestHost, overrides: Record<string, unknown> = {}): Promise<Arrival> {
  serial++;
  const account = `resident-${serial}`;
  await host.store.put('accounts', { _id: account, role: 'resident', name: '居民', createdAt: host.clock.now.toISOString() });
  const cookie = await host.signIn(account);
  const id = idNumber('19900307', String(serial).padStart(3, '0'));
  const name = `张${[...String(serial)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;
  const input = reportInput(host.clock.now, {
    name,
    idNumber: id,
    itinerary: [{ townCode: PLACES.nanguanTown, departDate: reportInput(host.clock.now).arrivalDate }],
    ...overrides,
  });
  const res = await host.call('report', input, cookie);
  if (res.status !== 200) throw new Error(`report failed: ${JSON.stringify(res.json)}`);
  const report = res.json.data.report;
  const stored = await host.store.get('reports', report.id);
  return { reportId: report.id, personId: stored!.personId, idNumber: id, cookie, name };
}

let request = 0;
export const requestId = () => `req-${Date.now()}-${++request}`;

/** A reached verification with a measure, as community staff record it. */
export function verifyInput(host: TestHost, reportId: string, overrides: Record<string, unknown> = {}) {
  const arrival = reportInput(host.clock.now).arrivalDate;
  return {
    action: 'verify',
    requestId: requestId(),
    reportId,
    reached: true,
    originTownCode: PLACES.nanguanTown,
    departDate: arrival,
    arrivalDate: arrival,
    destination: { villageCode: AREAS.village, address: '城北路12号3栋201' },
    measure: 'home-health-monitoring',
    notes: '电话核实，信息无误',
    ...overrides,
  };
}

/** Every collection the back office writes, counted: bad input must leave them all unchanged. */
export async function counts(host: TestHost): Promise<Record<string, number>> {
  const names = ['accounts', 'codes', 'codeEvents', 'auditLog', 'contacts', 'verifications', 'handling', 'transfers', 'testResults'] as const;
  const out: Record<string, number> = {};
  for (const n of names) out[n] = await host.store.count(n);
  return out;
}
