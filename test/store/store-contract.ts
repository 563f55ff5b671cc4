// The one behaviour contract of the Store port, run against every adapter (SQLite file, CloudBase
// over the stand-in). An adapter passes when the domain cannot tell which one it is talking to.
import type { AuditDoc, CodeDoc, ReportDoc } from '../../domain/store/collections';
import { DuplicateKeyError, type Store } from '../../domain/store/port';

export interface StoreHarness {
  /** A migrated, empty store. */
  store: Store;
  /** Closes `store` and opens the same data again (a restart). */
  reopen(): Promise<Store>;
  /** Removes whatever the harness created. */
  cleanup(): Promise<void>;
}

const COUNTIES = ['451202', '451203', '451221', '451222'];

export function report(i: number, overrides: Partial<ReportDoc> = {}): ReportDoc {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const doc: ReportDoc = {
    _id: `r${String(i).padStart(4, '0')}`,
    accountId: `acct${i % 3}`,
    requestId: `req${i}`,
    personId: `p${i % 5}`,
    name: `姓名${i}`,
    idNumber: `45120219900101${String(i).padStart(4, '0')}`,
    phone: `1380000${String(i).padStart(4, '0')}`,
    // Nested domain shapes are opaque to the store: cast, so the fixture survives model changes.
    itinerary: [
      { townCode: '451202001', departDate: `2022-03-${day}`, place: '金城江区', riskAreas: [], riskAreaIds: [] },
    ] as unknown as ReportDoc['itinerary'],
    arrivalDate: `2022-03-${day}`,
    transport: i % 2 ? 'car' : 'train',
    ...(i % 4 === 0 ? { transportNo: `G${i}` } : {}),
    itineraryStar: i % 2 === 0,
    destination: { villageCode: `451202001${String(i % 10).padStart(3, '0')}`, countyCode: COUNTIES[i % 4], address: `地址${i}` },
    decision: {
      code: 'green',
      clause: 'none',
      category: 'none',
      policyVersion: '2022.1',
      riskListDate: null,
      arrivalDate: `2022-03-${day}`,
      daysSinceArrival: i % 7,
      since: `2022-03-${day}`,
      reason: '无风险',
      nextStep: { text: '无' },
      movementWindowEligible: false,
      matchedPlaces: [],
    } as ReportDoc['decision'],
    applied: i % 3 !== 0,
    createdAt: `2022-03-${day}T0${i % 10}:00:00.000Z`,
    ...overrides,
  };
  return doc;
}

function audit(i: number): AuditDoc {
  return {
    _id: `a${String(i).padStart(5, '0')}`,
    at: `2022-04-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
    actorId: `staff${i % 7}`,
    role: 'community',
    action: 'read',
    target: `p${i % 11}`,
  };
}

const ids = (docs: Array<{ _id: string }>) => docs.map((d) => d._id);

export function runStoreContract(name: string, open: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    let store: Store;

    beforeEach(async () => {
      h = await open();
      store = h.store;
    });

    afterEach(async () => {
      await store.close();
      await h.cleanup();
    });

    test('migrate twice is harmless and keeps the data', async () => {
      await store.insert('reports', report(1));
      await store.migrate();
      await store.migrate();
      expect(await store.get('reports', 'r0001')).toEqual(report(1));
      expect(await store.count('reports')).toBe(1);
    });

    test('insert then get returns an equal copy; a missing id is null', async () => {
      const doc = report(1);
      await store.insert('reports', doc);
      const got = await store.get('reports', doc._id);
      expect(got).toEqual(doc);
      // Mutating what came back must not reach the store.
      got!.destination.countyCode = 'changed';
      got!.itinerary.push({ ...got!.itinerary[0], townCode: 'x' });
      expect(await store.get('reports', doc._id)).toEqual(doc);
      expect(await store.get('reports', 'missing')).toBeNull();
    });

    test('put inserts, then replaces the whole document', async () => {
      const code: CodeDoc = {
        _id: 'p1',
        accountId: 'acct1',
        color: 'yellow',
        category: 'B',
        decision: report(1).decision,
        reportId: 'r0001',
        updatedAt: '2022-03-01T00:00:00.000Z',
      };
      await store.put('codes', code);
      expect(await store.get('codes', 'p1')).toEqual(code);
      const { reportId: _dropped, ...rest } = code;
      const replaced = { ...rest, color: 'green', reportId: 'r0002' } as CodeDoc;
      delete (replaced as Partial<CodeDoc>).category;
      await store.put('codes', replaced);
      expect(await store.get('codes', 'p1')).toEqual(replaced);
      expect(await store.count('codes')).toBe(1);
    });

    test('update sets top-level fields, replaces sub-objects, and is false for a missing id', async () => {
      await store.insert('reports', report(4));
      expect(await store.update('reports', 'r0004', { applied: false, destination: { villageCode: 'v', countyCode: 'c', address: 'a' } })).toBe(true);
      const after = await store.get('reports', 'r0004');
      expect(after).toEqual({ ...report(4), applied: false, destination: { villageCode: 'v', countyCode: 'c', address: 'a' } });
      // A sub-object is replaced, not merged.
      expect(await store.update('reports', 'r0004', { destination: { countyCode: 'only' } as ReportDoc['destination'] })).toBe(true);
      expect((await store.get('reports', 'r0004'))!.destination).toEqual({ countyCode: 'only' });
      // An update that changes nothing still reports the document as existing.
      expect(await store.update('reports', 'r0004', { applied: false })).toBe(true);
      // undefined removes a field.
      expect(await store.update('reports', 'r0004', { transportNo: undefined })).toBe(true);
      expect((await store.get('reports', 'r0004'))!).not.toHaveProperty('transportNo');
      // _id cannot be moved by a patch.
      expect(await store.update('reports', 'r0004', { _id: 'other', name: 'n' })).toBe(true);
      expect(await store.get('reports', 'other')).toBeNull();
      expect((await store.get('reports', 'r0004'))!.name).toBe('n');
      expect(await store.update('reports', 'missing', { applied: true })).toBe(false);
      expect(await store.get('reports', 'missing')).toBeNull();
    });

    test('count with and without a filter', async () => {
      for (let i = 0; i < 12; i++) await store.insert('reports', report(i));
      expect(await store.count('reports')).toBe(12);
      expect(await store.count('reports', { accountId: 'acct1' })).toBe(4);
      expect(await store.count('reports', { 'destination.countyCode': { $in: ['451202', '451203'] }, applied: true })).toBe(
        [...Array(12).keys()].filter((i) => i % 4 < 2 && i % 3 !== 0).length,
      );
      expect(await store.count('accounts')).toBe(0);
    });

    test('a taken _id throws DuplicateKeyError and writes nothing', async () => {
      await store.insert('reports', report(1));
      const clash = report(2, { _id: 'r0001' });
      await expect(store.insert('reports', clash)).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(store.insert('reports', clash)).rejects.toMatchObject({ collection: 'reports', key: '_id' });
      expect(await store.get('reports', 'r0001')).toEqual(report(1));
      expect(await store.count('reports')).toBe(1);
    });

    test('a taken unique key (reports: accountId+requestId) throws DuplicateKeyError and writes nothing', async () => {
      await store.insert('reports', report(1));
      const sameKey = report(2, { accountId: report(1).accountId, requestId: report(1).requestId });
      await expect(store.insert('reports', sameKey)).rejects.toMatchObject({
        name: 'DuplicateKeyError',
        collection: 'reports',
        key: 'account_request',
      });
      expect(await store.get('reports', sameKey._id)).toBeNull();
      expect(await store.count('reports')).toBe(1);
      // Either half alone is fine.
      await store.insert('reports', report(3, { accountId: report(1).accountId, requestId: 'other' }));
      await store.insert('reports', report(4, { accountId: 'elsewhere', requestId: report(1).requestId }));
      expect(await store.count('reports')).toBe(3);
      // put and update that would take the key are refused the same way.
      await expect(store.put('reports', sameKey)).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(
        store.update('reports', 'r0003', { requestId: report(1).requestId }),
      ).rejects.toBeInstanceOf(DuplicateKeyError);
      expect((await store.get('reports', 'r0003'))!.requestId).toBe('other');
    });

    test('20 concurrent inserts of the same _id: exactly one succeeds', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.insert('reports', report(100 + i, { _id: 'same' }))),
      );
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(19);
      for (const f of failed) expect(f.reason).toBeInstanceOf(DuplicateKeyError);
      expect(await store.count('reports')).toBe(1);
    });

    describe('find', () => {
      const all = Array.from({ length: 40 }, (_, i) => report(i));
      const expectIds = (docs: ReportDoc[], pick: (d: ReportDoc) => boolean) =>
        expect(ids(docs).sort()).toEqual(ids(all.filter(pick)).sort());

      beforeEach(async () => {
        for (const doc of all) await store.insert('reports', doc);
      });

      test('equality on top-level, dotted, boolean and unindexed fields', async () => {
        expectIds(await store.find('reports', { where: { accountId: 'acct2' } }), (d) => d.accountId === 'acct2');
        expectIds(await store.find('reports', { where: { 'destination.countyCode': '451221' } }), (d) => d.destination.countyCode === '451221');
        expectIds(await store.find('reports', { where: { applied: false } }), (d) => !d.applied);
        expectIds(await store.find('reports', { where: { transport: 'car', itineraryStar: false } }), (d) => d.transport === 'car' && !d.itineraryStar);
        expectIds(await store.find('reports', { where: { 'decision.daysSinceArrival': 3 } }), (d) => d.decision.daysSinceArrival === 3);
        expectIds(await store.find('reports', { where: { accountId: { $eq: 'acct0' } } }), (d) => d.accountId === 'acct0');
        expect(await store.find('reports', { where: { accountId: 'nobody' } })).toEqual([]);
      });

      test('null matches a missing field', async () => {
        expectIds(await store.find('reports', { where: { transportNo: null } }), (d) => d.transportNo === undefined);
        expectIds(await store.find('reports', { where: { transportNo: { $in: ['G4', null] } } }), (d) => d.transportNo === undefined || d.transportNo === 'G4');
      });

      test('$gt/$gte/$lt/$lte on top-level and dotted paths', async () => {
        expectIds(await store.find('reports', { where: { arrivalDate: { $gt: '2022-03-10' } } }), (d) => d.arrivalDate > '2022-03-10');
        expectIds(await store.find('reports', { where: { arrivalDate: { $gte: '2022-03-10' } } }), (d) => d.arrivalDate >= '2022-03-10');
        expectIds(await store.find('reports', { where: { arrivalDate: { $lt: '2022-03-10' } } }), (d) => d.arrivalDate < '2022-03-10');
        expectIds(await store.find('reports', { where: { arrivalDate: { $lte: '2022-03-10' } } }), (d) => d.arrivalDate <= '2022-03-10');
        expectIds(
          await store.find('reports', { where: { arrivalDate: { $gte: '2022-03-05', $lt: '2022-03-20' } } }),
          (d) => d.arrivalDate >= '2022-03-05' && d.arrivalDate < '2022-03-20',
        );
        expectIds(await store.find('reports', { where: { 'destination.countyCode': { $gt: '451203' } } }), (d) => d.destination.countyCode > '451203');
        expectIds(await store.find('reports', { where: { 'destination.countyCode': { $lte: '451203' } } }), (d) => d.destination.countyCode <= '451203');
        // Numbers compare as numbers on a nested path.
        expectIds(
          await store.find('reports', { where: { 'decision.daysSinceArrival': { $gte: 2, $lt: 5 } } }),
          (d) => d.decision.daysSinceArrival >= 2 && d.decision.daysSinceArrival < 5,
        );
        // Index prefix plus range: the query the county dashboard runs.
        expectIds(
          await store.find('reports', { where: { 'destination.countyCode': '451202', arrivalDate: { $gte: '2022-03-08', $lte: '2022-03-24' } } }),
          (d) => d.destination.countyCode === '451202' && d.arrivalDate >= '2022-03-08' && d.arrivalDate <= '2022-03-24',
        );
      });

      test('$in on top-level and dotted paths', async () => {
        expectIds(await store.find('reports', { where: { personId: { $in: ['p1', 'p3'] } } }), (d) => ['p1', 'p3'].includes(d.personId));
        expectIds(
          await store.find('reports', { where: { 'destination.countyCode': { $in: ['451221', '451222'] } } }),
          (d) => ['451221', '451222'].includes(d.destination.countyCode),
        );
        expect(await store.find('reports', { where: { personId: { $in: [] } } })).toEqual([]);
      });

      test('orderBy asc/desc, several keys, skip and limit', async () => {
        const byArrival = [...all].sort((a, b) => a.arrivalDate.localeCompare(b.arrivalDate) || a._id.localeCompare(b._id));
        expect(ids(await store.find('reports', { orderBy: [['arrivalDate', 'asc']] }))).toEqual(ids(byArrival));
        const desc = [...all].sort((a, b) => b.arrivalDate.localeCompare(a.arrivalDate) || a._id.localeCompare(b._id));
        expect(ids(await store.find('reports', { orderBy: [['arrivalDate', 'desc']] }))).toEqual(ids(desc));
        const twoKeys = [...all].sort(
          (a, b) =>
            a.destination.countyCode.localeCompare(b.destination.countyCode) ||
            b.createdAt.localeCompare(a.createdAt) ||
            a._id.localeCompare(b._id),
        );
        expect(ids(await store.find('reports', { orderBy: [['destination.countyCode', 'asc'], ['createdAt', 'desc']] }))).toEqual(ids(twoKeys));
        expect(ids(await store.find('reports', { orderBy: [['arrivalDate', 'desc']], skip: 5, limit: 7 }))).toEqual(ids(desc.slice(5, 12)));
        expect(ids(await store.find('reports', { orderBy: [['arrivalDate', 'desc']], skip: 38, limit: 7 }))).toEqual(ids(desc.slice(38)));
        expect(await store.find('reports', { limit: 0 })).toEqual([]);
        const mine = all.filter((d) => d.personId === 'p2').sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a._id.localeCompare(b._id));
        expect(ids(await store.find('reports', { where: { personId: 'p2' }, orderBy: [['createdAt', 'desc']], limit: 3 }))).toEqual(
          ids(mine.slice(0, 3)),
        );
      });

      test('bad input is refused, never widened into "match everything"', async () => {
        await expect(store.find('reports', { where: { accountId: undefined as unknown as string } })).rejects.toThrow(/invalid value/);
        await expect(store.find('reports', { where: { "x') OR 1=1 --": 'a' } })).rejects.toThrow(/invalid field path/);
        await expect(store.find('reports', { orderBy: [['a b', 'asc']] })).rejects.toThrow(/invalid field path/);
        await expect(store.find('reports', { where: { accountId: { $ne: 'x' } as never } })).rejects.toThrow(/unsupported operator/);
        await expect(store.find('reports', { limit: -1 })).rejects.toThrow(/limit/);
        await expect(store.count('nope' as 'reports')).rejects.toThrow(/unknown collection/);
      });
    });

    test('limits above one server page (100, 1000) return everything asked for', async () => {
      const docs = Array.from({ length: 2345 }, (_, i) => audit(i));
      for (let i = 0; i < docs.length; i += 200) {
        await Promise.all(docs.slice(i, i + 200).map((d) => store.insert('auditLog', d)));
      }
      const sorted = ids(docs).sort();
      expect(ids(await store.find('auditLog'))).toEqual(sorted);
      expect(ids(await store.find('auditLog', { limit: 150 }))).toEqual(sorted.slice(0, 150));
      expect(ids(await store.find('auditLog', { limit: 1500 }))).toEqual(sorted.slice(0, 1500));
      expect(ids(await store.find('auditLog', { skip: 1200, limit: 1100 }))).toEqual(sorted.slice(1200, 2300));
      const staff3 = docs.filter((d) => d.actorId === 'staff3');
      expect(await store.find('auditLog', { where: { actorId: 'staff3' }, limit: 5000 })).toHaveLength(staff3.length);
      expect(await store.count('auditLog')).toBe(2345);
    });

    describe('transaction', () => {
      const code = (id: string, color: CodeDoc['color'] = 'green'): CodeDoc => ({
        _id: id,
        accountId: 'acct1',
        color,
        category: 'none',
        decision: report(1).decision,
        reportId: 'r0001',
        updatedAt: '2022-03-02T00:00:00.000Z',
      });
      /** A promise and its resolve, to hold a transaction open at a chosen point. */
      const gate = () => {
        let open!: () => void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        return { open, opened };
      };

      test('commits every write of fn, and answers what fn answered', async () => {
        await store.put('codes', code('p1'));
        const out = await store.transaction!(async () => {
          await store.insert('reports', report(1));
          await store.put('codes', code('p2', 'red'));
          expect(await store.update('codes', 'p1', { color: 'yellow' })).toBe(true);
          // Its own writes are visible to it.
          expect((await store.get('codes', 'p2'))!.color).toBe('red');
          return 'done';
        });
        expect(out).toBe('done');
        expect(await store.get('reports', 'r0001')).toEqual(report(1));
        expect((await store.get('codes', 'p1'))!.color).toBe('yellow');
        expect((await store.get('codes', 'p2'))!.color).toBe('red');
      });

      test('a throw rolls back every write of fn and reaches the caller', async () => {
        await store.put('codes', code('p1'));
        await expect(
          store.transaction!(async () => {
            await store.insert('reports', report(1));
            await store.put('codes', code('p2'));
            await store.update('codes', 'p1', { color: 'red' });
            throw new Error('stop');
          }),
        ).rejects.toThrow('stop');
        expect(await store.get('reports', 'r0001')).toBeNull();
        expect(await store.get('codes', 'p2')).toBeNull();
        expect((await store.get('codes', 'p1'))!.color).toBe('green');
        // The store works normally afterwards.
        await store.insert('reports', report(1));
        expect(await store.count('reports')).toBe(1);
      });

      test('others see none of an open transaction, then all of it', async () => {
        const wroteFirst = gate();
        const finish = gate();
        const running = store.transaction!(async () => {
          await store.insert('reports', report(1));
          wroteFirst.open();
          await finish.opened;
          await store.insert('reports', report(2));
        });
        await wroteFirst.opened;
        const seen = Promise.all([store.get('reports', 'r0001'), store.get('reports', 'r0002')]).then((docs) => docs.map((d) => d !== null));
        await new Promise((resolve) => setTimeout(resolve, 5));
        finish.open();
        await running;
        // Never half: a reader either read before the commit or waited for it.
        expect([[false, false], [true, true]]).toContainEqual(await seen);
        expect(await store.count('reports')).toBe(2);
      });

      test("another caller's write during a transaction survives its rollback", async () => {
        const wrote = gate();
        const finish = gate();
        const running = store.transaction!(async () => {
          await store.insert('reports', report(1));
          wrote.open();
          await finish.opened;
          throw new Error('stop');
        });
        await wrote.opened;
        const outside = store.put('codes', code('p9'));
        await new Promise((resolve) => setTimeout(resolve, 5));
        finish.open();
        await expect(running).rejects.toThrow('stop');
        await outside;
        expect(await store.get('reports', 'r0001')).toBeNull();
        expect(await store.get('codes', 'p9')).toEqual(code('p9'));
      });

      test('concurrent read-modify-write transactions lose no update', async () => {
        await store.put('codes', { ...code('p1'), updatedAt: '0' });
        const bump = () =>
          store.transaction!(async () => {
            const current = (await store.get('codes', 'p1'))!;
            await new Promise((resolve) => setTimeout(resolve, 2));
            await store.put('codes', { ...current, updatedAt: String(Number(current.updatedAt) + 1) });
          });
        const results = await Promise.allSettled([bump(), bump(), bump()]);
        const succeeded = results.filter((r) => r.status === 'fulfilled').length;
        expect(succeeded).toBeGreaterThan(0);
        // Serialised (SQLite) or refused as a write conflict (CloudBase): never a lost update.
        expect((await store.get('codes', 'p1'))!.updatedAt).toBe(String(succeeded));
      });
    });

    test('data survives close and reopen', async () => {
      await store.insert('reports', report(7));
      await store.put('codes', {
        _id: 'p2',
        accountId: 'acct1',
        color: 'red',
        category: 'A',
        decision: report(7).decision,
        reportId: 'r0007',
        updatedAt: '2022-03-02T00:00:00.000Z',
      });
      store = await h.reopen();
      expect(await store.get('reports', 'r0007')).toEqual(report(7));
      expect((await store.get('codes', 'p2'))!.color).toBe('red');
      await expect(store.insert('reports', report(7))).rejects.toBeInstanceOf(DuplicateKeyError);
    });
  });
}
