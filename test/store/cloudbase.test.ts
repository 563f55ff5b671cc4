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

  test('a transaction is document-only, as wx-server-sdk documents (事务中仅能进行单记录操作)', async () => {
    const db = createCloudBaseStandin();
    const store = createCloudBaseStore(db);
    await store.migrate();
    await store.insert('reports', report(1));
    // The adapter refuses queries inside before sending them …
    await expect(store.transaction!(async () => store.find('reports', { where: { accountId: 'acct1' } }))).rejects.toThrow(/only get\/insert\/put\/update/);
    await expect(store.transaction!(async () => store.count('reports'))).rejects.toThrow(/only get\/insert\/put\/update/);
    // … and the stand-in's server refuses them as the real one would, on the SDK's own transaction.
    await expect(db.runTransaction(async (t) => t.collection('reports').where({ accountId: 'acct1' }).get())).rejects.toThrow(/single-document/);
    // count() is worse: the client sends it without the transaction id (query.js count), so it runs
    // outside and misses the transaction's own writes — the reason the adapter refuses it.
    const counted = await db.runTransaction(async (t) => {
      await t.collection('reports').add({ data: report(5) as unknown as Record<string, unknown> });
      return (await t.collection('reports').count()).total;
    });
    expect(counted).toBe(1);
    expect(await store.count('reports')).toBe(2);
    // Every transaction was rolled back or committed; none is left open on the server.
    expect(db.server.openTransactions).toBe(0);
    // Document operations go through, in one commit.
    await store.transaction!(async () => {
      await store.update('reports', 'r0001', { applied: false });
      await store.insert('reports', report(2));
    });
    expect(await store.count('reports')).toBe(3);
  });

  test('a duplicate key inside a transaction aborts it whole, even when fn catches it (MongoDB semantics)', async () => {
    const db = createCloudBaseStandin();
    const store = createCloudBaseStore(db);
    await store.migrate();
    await store.insert('reports', report(1));
    await expect(
      store.transaction!(async () => {
        await store.insert('reports', report(2));
        await expect(store.insert('reports', report(1))).rejects.toBeInstanceOf(DuplicateKeyError);
        await store.insert('reports', report(3));
      }),
    ).rejects.toThrow(/aborted/);
    expect((await store.find('reports')).map((r) => r._id)).toEqual(['r0001']);
  });

  test('other database errors are not swallowed', async () => {
    const db = createCloudBaseStandin();
    const store = createCloudBaseStore(db);
    // No migrate: the collection does not exist.
    await expect(store.get('reports', 'x')).rejects.toMatchObject({ errCode: -502005 });
    await expect(store.insert('reports', report(1))).rejects.toMatchObject({ errCode: -502005 });
  });
});
