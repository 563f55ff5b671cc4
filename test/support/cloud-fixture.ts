// The realistic data set of issue 10, shared by the built-function limits test and the bench: the
// real national list of 2022-12-01 in force today, 10,000 recent arrivals in 金城江区 (one filed
// through the built `report` function, the rest copies of its documents with their own ids and ID
// numbers), 1,000 of them with an open appeal, and one staff account per role.
import type { StandinDatabase } from './cloudbase-standin';
import { PLACES, idNumber, reportInput } from './reports';
import { resolvedAreas } from '../../bench/risk-days';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { putWholeVersion } from '../../domain/services/risk-seed';
import { addDays, localDate } from '../../domain/time';

export const TEMPLATE = 'oWx_template';
export const STAFF = { bureau: 'oWx_bureau', platform: 'oWx_platform', area: 'oWx_area', community: 'oWx_community' };

/** Calls a built function as `openid` (empty: the console or a timer); throws on an error answer. */
export type CallAs = (openid: string, name: string, event: Record<string, unknown>) => Promise<unknown>;

/** A valid, distinct ID number per clone (birth dates from 1960 on, three-digit serials). */
export function cloneIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 900) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return idNumber(birth, String(100 + (i % 900)));
}

/** Copies the template's documents for `n` more arrivals: same shapes, their own ids. */
function cloneArrivals(db: StandinDatabase, n: number) {
  const docs = new Map<string, Record<string, unknown>[]>();
  for (const c of ['accounts', 'persons', 'personLinks', 'reports', 'codes', 'codeEvents', 'reportPlaces']) {
    docs.set(c, [...(db.server.collections.get(c)?.values() ?? [])].filter((d) => JSON.stringify(d).includes(TEMPLATE)) as Record<string, unknown>[]);
  }
  const text = JSON.stringify(Object.fromEntries(docs));
  const personId = String(docs.get('persons')![0]!._id);
  const reportId = String(docs.get('reports')![0]!._id);
  const linkId = String(docs.get('personLinks')![0]!._id);
  const templateIdNumber = String(docs.get('persons')![0]!.idNumber);
  for (let i = 0; i < n; i++) {
    const copy = JSON.parse(
      text
        .split(TEMPLATE).join(`oWx_a${i}`)
        .split(reportId).join(`${reportId}x${i}`)
        .split(personId).join(`${personId}x${i}`)
        .split(linkId).join(`${linkId}x${i}`)
        .split(templateIdNumber).join(cloneIdNumber(i)),
    ) as Record<string, Record<string, unknown>[]>;
    for (const [c, list] of Object.entries(copy)) db.server.seed(c, list);
  }
}

export async function seedRealistic(db: StandinDatabase, call: CallAs, sizes = { arrivals: 10_000, appeals: 1_000 }): Promise<void> {
  const now = new Date();
  const today = localDate(now);
  await call('', 'init', {});

  // The 2022-12-01 list as the Bureau would have published it (resolved names only), in force today.
  const areas = await resolvedAreas(['2022120108-adcf8b76.json'], today);
  await putWholeVersion(createCloudBaseStore(db), { date: today, areas, confirmedCityCodes: [], publishedAt: now.toISOString(), publishedBy: STAFF.bureau });

  // Staff, written as the Bureau's functions write them (no _openid).
  db.server.seed('accounts', [
    { _id: STAFF.bureau, role: 'bureau-admin', name: '韦主任', jurisdiction: '4512', createdAt: now.toISOString() },
    { _id: STAFF.platform, role: 'platform', name: '覃专员', jurisdiction: '451202', createdAt: now.toISOString() },
    { _id: STAFF.area, role: 'area-admin', name: '蓝管理员', jurisdiction: '451202', createdAt: now.toISOString() },
    { _id: STAFF.community, role: 'community', name: '黄网格员', jurisdiction: '451202001', createdAt: now.toISOString() },
  ]);

  // One arrival through the function, then the rest like it; some of them with an open appeal.
  const arrival = addDays(today, -5);
  await call(TEMPLATE, 'report', reportInput(now, { arrivalDate: arrival, itinerary: [{ townCode: PLACES.nanningTown, departDate: arrival }] }));
  cloneArrivals(db, sizes.arrivals - 1);
  await call(TEMPLATE, 'appeal', { action: 'submit', requestId: 'appeal-template', reason: '我一直在南宁，行程填写有误，请核实。' });
  const appeal = [...db.server.collections.get('appeals')!.values()][0] as Record<string, unknown>;
  const text = JSON.stringify(appeal);
  const persons = [...db.server.collections.get('persons')!.values()].map((p) => p as { _id: string; accountId: string });
  db.server.seed(
    'appeals',
    persons.filter((p) => p.accountId !== TEMPLATE).slice(0, sizes.appeals - 1).map((p, i) =>
      JSON.parse(text.split(String(appeal._id)).join(`${String(appeal._id)}x${i}`).split(String(appeal.personId)).join(p._id).split(TEMPLATE).join(p.accountId)),
    ),
  );
}
