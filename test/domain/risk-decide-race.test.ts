// Two staff deciding two names of the same draft at the same moment (risk.resolve, risk.exclude):
// the draft's row counts must end as its groups say. They were computed from a read of the draft
// taken before the decision's transaction, so the later commit wrote its total over the earlier
// one's and a decision vanished from the counts (issue 10/13 leftover). On SQLite an action is one
// transaction holding the connection, so there the two run one after the other; on CloudBase they
// interleave.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryFiles, type MemoryFiles } from '../../bench/memory-files';
import { dispatch } from '../../domain/api/dispatch';
import { divisions } from '../../domain/divisions';
import { hechiPolicy } from '../../domain/policy';
import type { ServiceContext } from '../../domain/services/context';
import type { Store } from '../../domain/store/port';
import { seedIfEmpty } from '../../host/seed';
import { storeAdapters } from '../support/adapters';
import { csv, type ListRow } from '../support/risk-files';

jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-decide-race-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2022-04-16T04:00:00Z');

/** Names no rule resolves (zones whose areas name no street): three open groups of 2, 1 and 1 rows. */
const OPEN_NAMES: ListRow[] = [
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区3栋2单元' },
  { level: 'high', province: '吉林省', city: '长春市', county: '净月区', area: '净月小区5栋' },
  { level: 'medium', province: '陕西省', city: '西安市', county: '航天基地', area: '神舟四路1号院' },
  { level: 'medium', province: '河南省', city: '郑州市', county: '郑东新区', area: '某某花园' },
];

async function call(store: Store, files: MemoryFiles, input: Record<string, unknown>): Promise<any> {
  const ctx: ServiceContext = { store, files, now: NOW, identity: { accountId: 'demo-bureau', enrollOnFirstUse: false }, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(40), rateLimits: false };
  const res = await dispatch('risk', input, ctx);
  if (!res.ok) throw new Error(`risk.${String(input.action)}: ${JSON.stringify(res.error)}`);
  return res.data;
}

/** What the draft's counts must be: the rows of its groups by status. */
async function countsFromGroups(store: Store, draftId: string) {
  const groups = await store.find('riskDraftGroups', { where: { draftId }, limit: 10_000 });
  const rows = (status: string) => groups.filter((g) => g.status === status).reduce((n, g) => n + g.rows.length, 0);
  return { rowsOpen: rows('open'), rowsExcluded: rows('excluded') };
}

describe.each(storeAdapters(dir))('%s', (_name, open) => {
  let store: Store;
  let files: MemoryFiles;
  let draftId: string;
  let groups: Array<{ id: string; rows: number }>;
  beforeEach(async () => {
    store = await open();
    files = memoryFiles();
    await seedIfEmpty(store, divisions(), NOW);
    const fileId = files.add('0416.csv', Buffer.from(csv(OPEN_NAMES)));
    ({ draft: { draftId } } = await call(store, files, { action: 'upload', date: '2022-04-16', fileId, fileName: '0416.csv' }));
    ({ items: groups } = await call(store, files, { action: 'groups', draftId, status: 'open' }));
    expect(groups.map((g) => g.rows).sort()).toEqual([1, 1, 2]);
    expect(await store.get('riskDrafts', draftId)).toMatchObject({ rowsOpen: 4, rowsExcluded: 0 });
  });
  afterEach(() => store.close());

  test('a resolve and an exclude of two names at once both count', async () => {
    const a = groups.find((g) => g.rows === 2)!; // 长春市净月区, a county of 长春市
    const b = groups.find((g) => g.rows === 1)!;
    await Promise.all([
      call(store, files, { action: 'resolve', draftId, list: 'areas', target: a.id, code: '220172' }),
      call(store, files, { action: 'exclude', draftId, list: 'areas', target: b.id, reason: '跨多个区县，已电话核实，由属地另行通报' }),
    ]);
    expect(await store.get('riskDrafts', draftId)).toMatchObject({ ...(await countsFromGroups(store, draftId)), rowsOpen: 4 - a.rows - b.rows, rowsExcluded: b.rows });
  });

  test('three exclusions at once: every row of them counted excluded, none left open', async () => {
    await Promise.all(groups.map((g) => call(store, files, { action: 'exclude', draftId, list: 'areas', target: g.id, reason: '名称无法对应区县，另行核实' })));
    expect(await store.get('riskDrafts', draftId)).toMatchObject({ rowsOpen: 0, rowsExcluded: 4 });
    expect(await countsFromGroups(store, draftId)).toEqual({ rowsOpen: 0, rowsExcluded: 4 });
  });
});
