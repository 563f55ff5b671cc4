// conversions.list reads what the caller's jurisdiction holds, not the city (issue 10/13 leftover):
// after a worst-day re-coding the city has 130,000+ red and yellow codes, and reading them all for
// one county's worklist outran the cloud function's timeout. Here the documents the action reads are
// counted at the Store port while more and more red/yellow codes appear OUTSIDE the caller's county:
// the count must not move, and the worklist must stay the same (transfers in and out included).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, hechiPolicy, riskSnapshot } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import { dispatch } from '../../domain/api/dispatch';
import type { ConversionsOutputs } from '../../types/api/conversions';
import type { ServiceContext } from '../../domain/services/context';
import type { CodeDoc, HandlingDoc } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import { report } from '../store/store-contract';
import { storeAdapters } from '../support/adapters';

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conversions-scale-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2022-04-16T04:00:00Z');
const MINE = '451202'; // 金城江区, the area administrator's county
const OTHER = '451221'; // 南丹县

// A yellow 一(三)1 (arrival from a city with confirmed cases): waiting for monitoring and a test.
const YELLOW = evaluate(
  hechiPolicy,
  { arrival: '2022-04-14', itinerary: [{ townCode: '220102001', departDate: '2022-04-14' }], riskList: riskSnapshot({ date: '2022-04-15', areas: [], confirmedCityCodes: ['2201'] }) },
  NOW,
);

/** Counts the documents the wrapped store hands back (finds and gets), as a database bills reads. */
function counting(store: Store): Store & { reads: number } {
  const out = {
    ...store,
    reads: 0,
    async find(...args: Parameters<Store['find']>) {
      const docs = await store.find(...args);
      out.reads += docs.length;
      return docs;
    },
    async get(...args: Parameters<Store['get']>) {
      const doc = await store.get(...args);
      if (doc) out.reads += 1;
      return doc;
    },
  } as Store & { reads: number };
  return out;
}

/** A person with a report to `county` and a code of `color` resting on it. */
async function person(store: Store, id: string, county: string, color: 'yellow' | 'green', village = `${county}001001`) {
  await store.insert(
    'reports',
    report(0, { _id: `r-${id}`, requestId: `r-${id}`, accountId: `a-${id}`, personId: `p-${id}`, name: `人员${id}`, destination: { villageCode: village, countyCode: county, address: '某路1号' } }),
  );
  const decision = color === 'yellow' ? YELLOW : { ...YELLOW, code: 'green' as const, clause: 'none', category: 'none' as const };
  const code: CodeDoc = { _id: `p-${id}`, accountId: `a-${id}`, color, category: decision.category, decision, reportId: `r-${id}`, countyCode: county, updatedAt: NOW.toISOString() };
  await store.insert('codes', code);
}

/** The area administrator's call, as services run without dispatch. */
function adminOn(store: Store): ServiceContext {
  return {
    store,
    files: { read: () => Promise.reject(new Error('no files')), write: () => Promise.reject(new Error('no files')) },
    now: NOW,
    identity: { accountId: 'admin', enrollOnFirstUse: false },
    policy: hechiPolicy,
    divisions: divisions(),
    tokenSecret: 'x'.repeat(32),
  };
}

/** One page of the worklist through dispatch (which writes the audit entry the list owes). */
async function listPage(ctx: ServiceContext, page: { limit: number; cursor?: string }): Promise<ConversionsOutputs['list']> {
  const res = await dispatch('conversions', { action: 'list', ...page }, ctx);
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  return res.data as ConversionsOutputs['list'];
}

/** The report's handling in `county`; a transfer there moves the code with it, as arrivals.transfer does. */
async function handled(store: Store, id: string, county: string, status: HandlingDoc['status']) {
  if (status === 'transferred') await store.update('codes', `p-${id}`, { countyCode: county });
  await store.put('handling', {
    _id: `r-${id}`,
    personId: `p-${id}`,
    arrivalDate: '2022-04-14',
    area: { villageCode: `${county}001001`, countyCode: county, address: '转入地址' },
    status,
    updatedAt: NOW.toISOString(),
    updatedBy: 'staff-x',
  });
}

describe.each(storeAdapters(dir))('%s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    expect(YELLOW).toMatchObject({ code: 'yellow', clause: '一(三)1' });
    await store.put('accounts', { _id: 'admin', role: 'area-admin', name: '蓝管理员', jurisdiction: MINE, createdAt: NOW.toISOString() } as never);
    const fill = async () => {
      // The county's own: 12 yellow, 5 green (not on the list), one transferred out, one transferred in.
      for (let i = 0; i < 12; i++) await person(store, `mine${i}`, MINE, 'yellow');
      for (let i = 0; i < 5; i++) await person(store, `green${i}`, MINE, 'green');
      await person(store, 'out', MINE, 'yellow');
      await handled(store, 'out', OTHER, 'transferred');
      await person(store, 'in', OTHER, 'yellow');
      await handled(store, 'in', MINE, 'transferred');
      await person(store, 'coded', MINE, 'yellow');
      await handled(store, 'coded', MINE, 'coded');
    };
    await (store.batch ? store.batch(fill) : fill());
  });
  afterAll(() => store.close());

  /** Adds yellow codes in other counties of the city, up to `n` in all. */
  let outside = 0;
  async function cityGrowsTo(n: number) {
    const add = async () => {
      for (; outside < n; outside++) await person(store, `city${outside}`, outside % 2 ? OTHER : '451203', 'yellow');
    };
    await (store.batch ? store.batch(add) : add());
  }

  async function list() {
    const s = counting(store);
    const ctx = adminOn(s);
    const res = await listPage(ctx, { limit: 5 });
    return { res, reads: s.reads };
  }

  test('the documents read do not grow with the red and yellow codes outside the county', async () => {
    await cityGrowsTo(100);
    const small = await list();
    await cityGrowsTo(1_500);
    const large = await list();
    // The worklist: the county's 12 + the one handled here + the one transferred in; not the one sent away.
    expect(large.res.total).toBe(14);
    expect(large.res.waitingTotal + large.res.dueTotal).toBe(14);
    expect(large.res).toEqual(small.res);
    expect(large.res.waiting.map((i) => i.personId)).toHaveLength(5);
    expect(large.res.nextCursor).toBeTruthy();
    // Reads follow the county's red and yellow codes (and their reports and handling), not the city.
    expect({ small: small.reads, large: large.reads }).toEqual({ small: small.reads, large: small.reads });
    expect(large.reads).toBeLessThan(100);
  });

  test('every page together is the whole worklist, each person once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const s = counting(store);
    const ctx = adminOn(s);
    do {
      const res = await listPage(ctx, { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...res.due.map((i) => i.personId), ...res.waiting.map((i) => i.personId));
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `p-mine${i}`), 'p-coded', 'p-in'].sort());
  });
});
