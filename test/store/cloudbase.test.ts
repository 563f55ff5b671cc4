// The Store contract against the CloudBase adapter, over the wx-server-sdk stand-in.
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { DuplicateKeyError } from '../../domain/store/port';
import { report, runStoreContract } from './store-contract';

runStoreContract('CloudBase (stand-in)', async () => {
  const db = createCloudBaseStandin();
  const store = createCloudBaseStore(db);
  await store.migrate();
  return {
    store,
    // The data lives on the "server"; a restarted function gets a new adapter over it.
    async reopen() {
      await store.close();
      const again = createCloudBaseStore(db);
      await again.migrate();
      return again;
    },
    async cleanup() {},
  };
});

describe('CloudBase adapter specifics', () => {
  test('find pages through the 1000-per-call limit with skip', async () => {
    const db = createCloudBaseStandin();
    const store = createCloudBaseStore(db);
    await store.migrate();
    for (let i = 0; i < 2500; i += 250) {
      await Promise.all(Array.from({ length: 250 }, (_, k) => store.insert('reports', report(i + k, { requestId: `q${i + k}` }))));
    }
    db.server.log.length = 0;
    expect(await store.find('reports', { skip: 10, limit: 2200 })).toHaveLength(2200);
    const gets = db.server.log.filter((r) => r.action === 'database.getDocument');
    expect(gets.map((g) => [g.offset, g.limit])).toEqual([
      [10, 1000],
      [1010, 1000],
      [2010, 200],
    ]);
    db.server.log.length = 0;
    expect(await store.find('reports')).toHaveLength(2500);
    expect(db.server.log.filter((r) => r.action === 'database.getDocument').map((g) => g.limit)).toEqual([1000, 1000, 1000]);
  }, 30_000);

  test('get maps the missing-document rejection to null, and also works with throwOnNotFound: false', async () => {
    for (const throwOnNotFound of [true, false]) {
      const db = createCloudBaseStandin({ throwOnNotFound });
      const store = createCloudBaseStore(db);
      await store.migrate();
      expect(await store.get('reports', 'none')).toBeNull();
      expect(await store.update('reports', 'none', { applied: true })).toBe(false);
    }
  });

  test('a duplicate key reported as DATABASE_DUPLICATE_WRITE (no E11000 text) is a DuplicateKeyError too', async () => {
    // docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE: "Database write failed, index key duplicate".
    const db = createCloudBaseStandin({ duplicateErrors: 'code' });
    const store = createCloudBaseStore(db);
    await store.migrate();
    await store.insert('reports', report(1, { requestId: 'dup-a' }));
    await expect(store.insert('reports', report(1, { requestId: 'dup-b' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(store.insert('reports', report(4, { requestId: 'dup-a' }))).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(store.put('reports', report(7, { requestId: 'dup-a' }))).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  test('other database errors are not swallowed', async () => {
    const db = createCloudBaseStandin();
    const store = createCloudBaseStore(db);
    // No migrate: the collection does not exist.
    await expect(store.get('reports', 'x')).rejects.toMatchObject({ errCode: -502005 });
    await expect(store.insert('reports', report(1))).rejects.toMatchObject({ errCode: -502005 });
  });
});
