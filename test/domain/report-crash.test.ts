// report.submit writes several documents. A crash after any one of them (a timeout, a lost instance)
// must leave nothing broken in sight — no code resting on a report that does not exist (it would be
// in no list and break appeal.submit) — and the app's retry of the same request must end exactly as
// a run that never crashed. Run for every k on both adapters.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../adapters/sqlite';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { dispatch } from '../../domain/api/dispatch';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import type { CollectionName } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import type { ServiceContext } from '../../domain/services/context';
import { PLACES, reportInput } from '../support/reports';
import { crashingAfter } from '../support/crash';

const dir = mkdtempSync(join(tmpdir(), 'report-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

const now = new Date('2022-04-16T04:00:00Z');
const input = reportInput(now, {
  requestId: 'crash-req-1',
  itinerary: [
    { townCode: PLACES.kuanchengTown, departDate: '2022-04-12', riskAreaIds: [] },
    { townCode: PLACES.nanningTown, departDate: '2022-04-13' },
  ],
});
const KEPT: CollectionName[] = ['accounts', 'persons', 'personLinks', 'reports', 'codes', 'codeEvents', 'reportPlaces'];

const ctxFor = (store: Store): ServiceContext => ({
  store,
  files: null as never,
  now,
  identity: { accountId: 'oWx_crash', enrollOnFirstUse: true },
  policy: hechiPolicy,
  divisions: divisions(),
  tokenSecret: 'x'.repeat(40),
  rateLimits: false,
});

async function contents(store: Store) {
  const out: Record<string, unknown[]> = {};
  for (const c of KEPT) out[c] = (await store.find(c)).sort((a, b) => String(a._id).localeCompare(String(b._id)));
  return out;
}

/** What must hold whenever a function has stopped, crashed or not: every code rests on a report that exists. */
async function noDanglingCode(store: Store) {
  for (const code of await store.find('codes')) expect(await store.get('reports', code.reportId)).not.toBeNull();
}

const adapters: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => {
    const store = createSqliteStore(join(dir, `r${++seq}.db`));
    await store.migrate();
    return store;
  }],
  ['CloudBase', async () => {
    const store = createCloudBaseStore(createCloudBaseStandin());
    await store.migrate();
    return store;
  }],
];

describe.each(adapters)('%s', (_name, open) => {
  it('a crash after any write leaves no code without its report, and the retry ends as a clean run', async () => {
    const clean = await open();
    const counted = crashingAfter(clean, 0);
    const first = await dispatch('report', input, ctxFor(counted));
    expect(first).toMatchObject({ ok: true, data: { duplicate: false } });
    const writes = counted.writes;
    expect(writes).toBeGreaterThanOrEqual(6);
    const expected = await contents(clean);

    for (let k = 1; k <= writes; k++) {
      const store = await open();
      const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      const crashed = await dispatch('report', input, ctxFor(crashingAfter(store, k)));
      spy.mockRestore();
      expect(crashed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      await noDanglingCode(store);
      const retried = await dispatch('report', input, ctxFor(store));
      expect([k, retried.ok]).toEqual([k, true]);
      expect([k, await contents(store)]).toEqual([k, expected]);
      // And a second retry changes nothing.
      expect(await dispatch('report', input, ctxFor(store))).toMatchObject({ ok: true, data: { duplicate: true } });
      expect(await contents(store)).toEqual(expected);
      await store.close();
    }
    await clean.close();
  }, 60_000);
});
