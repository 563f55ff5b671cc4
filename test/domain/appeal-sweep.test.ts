// The appeal sweep runs every minute and reads at most 1,000 appeals a run. Escalated appeals stay
// open until answered, so it must ask only for those not yet escalated — else, with 1,000 escalated
// appeals open, it re-reads the same 1,000 every minute and never reaches a newer overdue one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../../adapters/sqlite';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { escalateOverdueAppeals } from '../../domain/services/appeal';
import type { AppealDoc } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import type { ServiceContext } from '../../domain/services/context';

const dir = mkdtempSync(join(tmpdir(), 'appeal-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2022-12-01T04:00:00Z');
const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();

function appeal(i: number, escalated: boolean, deadline: string): AppealDoc {
  return {
    _id: `ap_${i}`,
    openKey: `open_${i}`,
    personId: `p_${i}`,
    accountId: `a_${i}`,
    countyCode: '451202',
    status: 'open',
    deadline,
    createdAt: deadline,
    escalated,
    ...(escalated ? { escalatedAt: deadline } : {}),
  } as unknown as AppealDoc;
}

const adapters: Array<[string, () => Promise<Store>]> = [
  ['SQLite', async () => {
    const store = createSqliteStore(join(dir, 'sweep.db'));
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
  it('with 1,000 escalated appeals still open, a newer overdue appeal is escalated on the next run', async () => {
    const store = await open();
    for (let i = 0; i < 1000; i++) await store.insert('appeals', appeal(i, true, at(72 - i / 100)));
    await store.insert('appeals', appeal(5000, false, at(1)));
    const ctx = { store, now } as unknown as ServiceContext;
    expect(await escalateOverdueAppeals(ctx)).toEqual({ escalated: ['ap_5000'] });
    expect(await store.get('appeals', 'ap_5000')).toMatchObject({ escalated: true, escalatedAt: now.toISOString() });
    expect(await escalateOverdueAppeals(ctx)).toEqual({ escalated: [] });
    await store.close();
  });
});
