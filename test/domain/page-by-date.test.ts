// The re-coding jobs walk one county (or city) of the place index in (arrival date, id) order, a page at
// a time, resuming from a saved cursor. Every row of the key in the window comes exactly once, in order,
// on both adapters; and on SQLite every query is an index walk (paging by id over a date range made
// SQLite gather and sort the whole key for each page: a city of 35,000 arrivals was read 18 times over).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../../adapters/sqlite';
import { pageByDate, type DateCursor } from '../../domain/services/paging';
import type { ReportPlaceDoc } from '../../domain/store/collections';
import type { FindOptions, Store } from '../../domain/store/port';
import { addDays } from '../../domain/time';
import { storeAdapters } from '../support/adapters';

const dir = mkdtempSync(path.join(tmpdir(), 'saoma-page-date-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rows of two counties over 10 days, several per day, ids not in date order. */
function rows(): ReportPlaceDoc[] {
  const out: ReportPlaceDoc[] = [];
  for (let i = 0; i < 230; i++) {
    const countyCode = i % 5 === 0 ? '440106' : '450102';
    out.push({
      _id: `r_${((i * 7919) % 1000).toString().padStart(4, '0')}_${countyCode}`,
      reportId: `r_${i}`,
      personId: `p_${i}`,
      countyCode,
      cityCode: countyCode.slice(0, 4),
      arrivalDate: addDays('2022-11-20', i % 10),
    });
  }
  return out;
}

async function walk(store: Store, limit: number, from: string) {
  const seen: ReportPlaceDoc[] = [];
  let cursor: DateCursor = { after: '' };
  for (let pages = 0; pages < 1000; pages++) {
    const page = await pageByDate(store, 'reportPlaces', { where: { countyCode: '450102' }, dateField: 'arrivalDate', from, cursor, limit });
    seen.push(...page);
    if (page.length < limit) return seen;
    // Saved and read back, as a job's cursor is between batches.
    cursor = JSON.parse(JSON.stringify({ after: page.at(-1)!._id, date: page.at(-1)!.arrivalDate }));
  }
  throw new Error('the walk did not end');
}

describe.each(storeAdapters(dir))('pageByDate on %s', (_name, open) => {
  it.each([1, 7, 23, 1000])('reads every row of the key in the window once, in (date, id) order, %i a page', async (limit) => {
    const store = await open();
    for (const row of rows()) await store.insert('reportPlaces', row);
    const from = '2022-11-23';
    const expected = rows()
      .filter((r) => r.countyCode === '450102' && r.arrivalDate >= from)
      .sort((a, b) => a.arrivalDate.localeCompare(b.arrivalDate) || a._id.localeCompare(b._id))
      .map((r) => r._id);
    const seen = (await walk(store, limit, from)).map((r) => r._id);
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
    await store.close();
  });
});

it('asks SQLite only for index walks, never a sort of the whole key', async () => {
  const store = createSqliteStore(path.join(dir, 'plan.db'));
  await store.migrate();
  for (const row of rows()) await store.insert('reportPlaces', row);
  const plans: string[][] = [];
  const find = store.find.bind(store);
  store.find = (async (collection: 'reportPlaces', options?: FindOptions) => {
    plans.push(store.explainFind(collection, options));
    return find(collection, options);
  }) as Store['find'];
  await walk(store, 10, '2022-11-20');
  expect(plans.length).toBeGreaterThan(10);
  for (const plan of plans) {
    expect(plan.join(' ')).toMatch(/USING INDEX ix_reportPlaces__county_arrival/);
    expect(plan.join(' ')).not.toMatch(/TEMP B-TREE/);
  }
  await store.close();
});
