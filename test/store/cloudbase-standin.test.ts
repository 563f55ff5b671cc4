// The stand-in must fail where wx-server-sdk fails, or the CloudBase adapter tests prove nothing.
import { MAX_DOCUMENT_BYTES, MAX_RESULT_BYTES, checkFunctionResult, createCloudBaseStandin } from '../support/cloudbase-standin';

async function seeded(n: number) {
  const db = createCloudBaseStandin();
  await db.createCollection('auditLog');
  const coll = db.collection('auditLog');
  for (let i = 0; i < n; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, n - i) }, (_, k) =>
        coll.add({ data: { _id: `a${String(i + k).padStart(5, '0')}`, actorId: `s${(i + k) % 3}`, n: i + k, meta: { k: (i + k) % 10 } } }),
      ),
    );
  }
  return db;
}

describe('wx-server-sdk stand-in fidelity', () => {
  test('get() without limit returns 100; limit 1001 is clamped to 1000 (as @cloudbase/database 1.4.3 does)', async () => {
    const db = await seeded(1200);
    expect((await db.collection('auditLog').get()).data).toHaveLength(100);
    expect((await db.collection('auditLog').limit(1001).get()).data).toHaveLength(1000);
    expect((await db.collection('auditLog').limit(5000).get()).data).toHaveLength(1000);
    expect(db.server.log.filter((r) => r.action === 'database.getDocument').map((r) => r.limit)).toEqual([100, 1000, 1000]);
  });

  test('non-integer limit/skip throw synchronously', async () => {
    const db = await seeded(1);
    expect(() => db.collection('auditLog').limit(1.5)).toThrow(/limit/);
    expect(() => db.collection('auditLog').skip(-0.5)).toThrow(/offset/);
  });

  test('doc().get() of a missing document throws the SDK error; result shapes match', async () => {
    const db = await seeded(2);
    const err = await db.collection('auditLog').doc('nope').get().catch((e) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err.errCode).toBe(-1);
    expect(err.errMsg).toBe('document.get:fail document with _id nope does not exist');
    expect(await db.collection('auditLog').doc('a00001').get()).toEqual({
      data: { _id: 'a00001', actorId: 's1', n: 1, meta: { k: 1 } },
      errMsg: 'document.get:ok',
    });
    expect(await db.collection('auditLog').add({ data: { _id: 'x', v: 1 } })).toEqual({ _id: 'x', errMsg: 'collection.add:ok' });
    expect(await db.collection('auditLog').where({ actorId: 's0' }).count()).toEqual({ total: 1, errMsg: 'collection.count:ok' });
    expect(await db.collection('auditLog').doc('x').update({ data: { v: 2 } })).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect(await db.collection('auditLog').doc('x').update({ data: { v: 2 } })).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' });
    expect(await db.collection('auditLog').doc('gone').update({ data: { v: 2 } })).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' });
  });

  test('duplicate _id and unique-index violations are -502001 E11000 errors', async () => {
    const db = createCloudBaseStandin();
    await db.createCollection('reports');
    await db.collection('reports').add({ data: { _id: 'r1', accountId: 'a', requestId: 'q' } });
    const dupId = await db.collection('reports').add({ data: { _id: 'r1', accountId: 'b', requestId: 'q' } }).catch((e) => e);
    expect(dupId.errCode).toBe(-502001);
    expect(dupId.errMsg).toMatch(/^collection\.add:fail -502001 database request fail\. .*E11000 duplicate key error .* index: _id_ /);
    const dupKey = await db.collection('reports').add({ data: { _id: 'r2', accountId: 'a', requestId: 'q' } }).catch((e) => e);
    expect(dupKey.errCode).toBe(-502001);
    expect(dupKey.errMsg).toMatch(/index: account_request dup key/);
    expect((await db.collection('reports').count()).total).toBe(1);
  });

  test('set()/update() refuse _id in data; update merges nested objects unless _.set', async () => {
    const db = await seeded(1);
    const _ = db.command;
    const doc = db.collection('auditLog').doc('a00000');
    await expect(doc.set({ data: { _id: 'a00000', v: 1 } })).rejects.toMatchObject({ errCode: -501007 });
    await expect(doc.update({ data: { _id: 'a00000' } })).rejects.toMatchObject({ errCode: -501007 });
    await doc.update({ data: { meta: { extra: true } } });
    expect((await doc.get()).data.meta).toEqual({ k: 0, extra: true });
    await doc.update({ data: { meta: _.set({ only: 1 }), actorId: _.remove() } });
    expect((await doc.get()).data).toEqual({ _id: 'a00000', n: 0, meta: { only: 1 } });
  });

  test('command operators, dotted and nested where, orderBy on dotted fields', async () => {
    const db = await seeded(30);
    const _ = db.command;
    const c = db.collection('auditLog');
    const ids = (r: { data: Array<{ _id: string }> }) => r.data.map((d) => d._id);
    expect(ids(await c.where({ n: _.gte(10).and(_.lt(13)) }).get())).toEqual(['a00010', 'a00011', 'a00012']);
    expect(ids(await c.where({ 'meta.k': _.in([3]), n: _.gt(10) }).get())).toEqual(['a00013', 'a00023']);
    expect(ids(await c.where({ meta: { k: 3 } }).get())).toEqual(['a00003', 'a00013', 'a00023']);
    expect(ids(await c.where({ n: _.lte(2) }).orderBy('meta.k', 'desc').get())).toEqual(['a00002', 'a00001', 'a00000']);
    expect(ids(await c.where({ actorId: _.eq('s1') }).orderBy('n', 'desc').skip(1).limit(2).get())).toEqual(['a00025', 'a00022']);
  });

  test('results are copies', async () => {
    const db = await seeded(1);
    const first = await db.collection('auditLog').doc('a00000').get();
    first.data.meta.k = 99;
    expect((await db.collection('auditLog').doc('a00000').get()).data.meta.k).toBe(0);
  });

  test('collections must exist; createCollection twice fails with the server text', async () => {
    const db = createCloudBaseStandin();
    await expect(db.collection('reports').get()).rejects.toMatchObject({ errCode: -502005 });
    await db.createCollection('reports');
    const again = await db.createCollection('reports').catch((e) => e);
    expect(again.errCode).toBe(-501001);
    expect(again.errMsg).toMatch(/Table exist/);
  });

  test('the platform limits: 1,000 per get, 16 MB per document, 1 MB per function result; round trips counted, latency added', async () => {
    const db = createCloudBaseStandin({ latencyMs: 20 });
    await db.createCollection('auditLog');
    const before = db.server.roundTrips;
    const started = Date.now();
    await db.collection('auditLog').doc('small').set({ data: { n: 1 } });
    await db.collection('auditLog').doc('small').get();
    expect(db.server.roundTrips - before).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(38);

    db.server.latencyMs = 0;
    const huge = 'x'.repeat(MAX_DOCUMENT_BYTES);
    await expect(db.collection('auditLog').add({ data: { _id: 'huge', huge } })).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/BSONObj size/) });
    await expect(db.collection('auditLog').doc('small').update({ data: { huge } })).rejects.toMatchObject({ errCode: -502001 });
    await expect(db.collection('auditLog').doc('small').set({ data: { huge } })).rejects.toMatchObject({ errCode: -502001 });
    expect((await db.collection('auditLog').doc('small').get()).data).toEqual({ _id: 'small', n: 1 });

    for (let i = 0; i < 1005; i++) db.server.collections.get('auditLog')!.set(`d${i}`, { _id: `d${i}` });
    expect((await db.collection('auditLog').limit(5000).get()).data).toHaveLength(1000);

    expect(checkFunctionResult({ ok: true, data: 'y'.repeat(1000) })).toBeLessThan(MAX_RESULT_BYTES);
    expect(() => checkFunctionResult({ ok: true, data: 'y'.repeat(MAX_RESULT_BYTES) })).toThrow(/over the platform's 1 MB/);
  });
});
