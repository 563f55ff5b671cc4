// The Store contract against the SQLite adapter on a real file, plus what only SQLite has:
// query plans, schema bookkeeping and index evolution.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLLECTIONS } from '../../domain/store/collections';
import { createSqliteStore, SCHEMA_VERSION, type SqliteOptions, type SqliteStore } from '../../adapters/sqlite';
import { report, runStoreContract } from './store-contract';

// One temp directory per test file, a fresh database file per test, all removed afterwards.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-sqlite-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;

async function openFresh(options: SqliteOptions = {}): Promise<{ store: SqliteStore; file: string }> {
  const file = path.join(dir, `t${++seq}`, 'data.db');
  const store = createSqliteStore(file, options);
  await store.migrate();
  return { store, file };
}

// The host's way (checkpoints in a worker thread) must keep the same contract as the plain one.
for (const [name, options] of [['SQLite', {}], ['SQLite with background checkpoints', { backgroundCheckpoints: true }]] as const) {
  runStoreContract(name, async () => {
    const { store, file } = await openFresh(options);
    let current = store;
    return {
      store,
      async reopen() {
        await current.close();
        current = createSqliteStore(file, options);
        await current.migrate();
        return current;
      },
      async cleanup() {
        await current.close();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      },
    };
  });
}

describe('SQLite adapter specifics', () => {
  let store: SqliteStore;
  let file: string;
  beforeEach(async () => ({ store, file } = await openFresh()));
  afterEach(async () => {
    await store.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  const plan = (p: string[]) => p.join(' | ');

  test('EXPLAIN QUERY PLAN: finds on indexed fields use the index, not a scan', async () => {
    for (let i = 0; i < 50; i++) await store.insert('reports', report(i));
    await store.db.exec('ANALYZE');
    const county = store.explainFind('reports', {
      where: { 'destination.countyCode': '451202', arrivalDate: { $gte: '2022-03-01', $lt: '2022-03-15' } },
    });
    expect(plan(county)).toMatch(/SEARCH reports USING INDEX ix_reports__destination_arrival/);
    expect(plan(county)).not.toMatch(/SCAN reports/);

    const mine = store.explainFind('reports', { where: { personId: 'p1' }, orderBy: [['createdAt', 'desc']], limit: 20 });
    expect(plan(mine)).toMatch(/USING INDEX ix_reports__person_created/);

    const idempotency = store.explainFind('reports', { where: { accountId: 'acct1', requestId: 'req1' } });
    expect(plan(idempotency)).toMatch(/USING INDEX ix_reports__account_request/);

    const events = store.explainFind('codeEvents', { where: { personId: { $in: ['p1', 'p2'] } }, orderBy: [['at', 'asc']] });
    expect(plan(events)).toMatch(/USING INDEX ix_codeEvents__person_at/);

    // And the check can fail: an unindexed field is a scan.
    expect(plan(store.explainFind('reports', { where: { transport: 'car' } }))).toMatch(/SCAN reports/);
  });

  test('migrate records the schema version once, in user_version and schema_migrations', async () => {
    await store.migrate();
    await store.migrate();
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const rows = store.db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  test('version 2 gives codes written before it the county handling their report', async () => {
    const code = (id: string, reportId: string) => ({ _id: id, accountId: 'a', color: 'yellow' as const, category: 'B' as const, decision: {} as never, reportId, updatedAt: '2022-04-16T04:00:00.000Z' });
    await store.insert('reports', report(1)); // destination 451202
    await store.insert('reports', report(2));
    await store.put('handling', { _id: 'r0002', personId: 'p', arrivalDate: '2022-04-14', area: { villageCode: '451221001001', countyCode: '451221', address: '转入' }, status: 'transferred', updatedAt: '', updatedBy: '' });
    await store.insert('codes', code('p1', 'r0001'));
    await store.insert('codes', code('p2', 'r0002'));
    await store.insert('codes', code('p3', 'gone')); // its report is missing: left as it is
    // As a database of version 1 was.
    store.db.prepare('DELETE FROM schema_migrations WHERE version = 2').run();
    await store.migrate();
    expect((await store.get('codes', 'p1'))?.countyCode).toBe(report(1).destination.countyCode);
    expect((await store.get('codes', 'p2'))?.countyCode).toBe('451221');
    expect(await store.get('codes', 'p3')).toEqual(code('p3', 'gone'));
  });

  test('an index added to COLLECTIONS appears on the next migrate, and goes when removed', async () => {
    await store.insert('reports', report(1));
    const indexes = COLLECTIONS.reports.indexes;
    indexes.push({ name: 'transport', fields: ['transport'] });
    try {
      await store.migrate();
      expect(plan(store.explainFind('reports', { where: { transport: 'car' } }))).toMatch(/USING INDEX ix_reports__transport/);
      expect(await store.find('reports', { where: { transport: report(1).transport } })).toHaveLength(1);
    } finally {
      indexes.pop();
    }
    await store.migrate();
    const names = store.db.prepare(`SELECT name FROM pragma_index_list('reports')`).all() as Array<{ name: string }>;
    expect(names.map((n) => n.name)).not.toContain('ix_reports__transport');
    expect(await store.get('reports', 'r0001')).toEqual(report(1));
  });
});
