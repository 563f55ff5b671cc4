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
import { divisions } from '../../domain/divisions';

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

type Item = { personId: string; from: 'red' | 'yellow' | 'green' };

/**
 * The most one conversions.confirm takes: `n` new arrivals from a county of the list in force, none of
 * its areas ticked (yellow codes), and the worklist items for them as the area administrator reads
 * them page by page. Used by the cloud-limits test and the bench.
 */
export async function yellowWorklist(db: StandinDatabase, call: CallAs, n = 200): Promise<Array<{ personId: string; from: 'red' | 'yellow' }>> {
  const d = divisions();
  const county = ([...db.server.collections.get('riskAreas')!.values()] as Array<{ countyCode: string }>).map((a) => a.countyCode).find((c) => d.children(c).length)!;
  const townCode = d.children(county)[0]!.code;
  const now = new Date();
  const arrival = addDays(localDate(now), -1);
  for (let i = 0; i < n; i++) {
    await call(`oWx_yellow_${i}`, 'report', reportInput(now, { idNumber: cloneIdNumber(20_000 + i), arrivalDate: arrival, itinerary: [{ townCode, departDate: arrival, riskAreaIds: [] }] }));
  }
  const items: Array<{ personId: string; from: 'red' | 'yellow' }> = [];
  let cursor: string | undefined;
  while (items.length < n) {
    const res = (await call(STAFF.area, 'conversions', { action: 'list', limit: 200, ...(cursor ? { cursor } : {}) })) as { data: { due: Item[]; waiting: Item[]; nextCursor?: string } };
    const data = res.data;
    for (const i of [...data.due, ...data.waiting]) if (items.length < n && i.from !== 'green') items.push({ personId: i.personId, from: i.from as 'red' | 'yellow' });
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return items;
}
