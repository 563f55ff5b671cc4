// The once-only rules of issue 5 held by the store itself, on both adapters: 50 concurrent
// applications for a movement window grant exactly one; concurrent appeals leave one open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, hechiPolicy, riskSnapshot } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import { changeCode } from '../../domain/services/code-change';
import { applyWindow } from '../../domain/services/movement';
import { submitAppeal } from '../../domain/services/appeal';
import type { ServiceContext } from '../../domain/services/context';
import type { Store } from '../../domain/store/port';
import { report } from '../store/store-contract';
import { storeAdapters } from '../support/adapters';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'once-only-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const adapters = storeAdapters(dir);

const NOW = new Date('2022-04-16T04:00:00Z');

/** An account whose person has a yellow 一(三)1 code resting on a report to 451202. */
async function yellowPerson(store: Store): Promise<ServiceContext> {
  const ctx: ServiceContext = {
    store,
    files: { read: () => Promise.reject(new Error('no files')), write: () => Promise.reject(new Error('no files')) },
    now: NOW,
    identity: { accountId: 'acct-y', enrollOnFirstUse: false },
    policy: hechiPolicy,
    divisions: divisions(),
    tokenSecret: 'x'.repeat(32),
  };
  await store.put('accounts', { _id: 'acct-y', role: 'resident', name: '居民', selfPersonId: 'p-y', createdAt: NOW.toISOString() });
  await store.put('persons', { _id: 'p-y', accountId: 'acct-y', name: '黄某', idNumber: '450702199003071230', phone: '13800138000', createdAt: NOW.toISOString() });
  await store.insert('reports', report(1, { _id: 'r-y', accountId: 'acct-y', personId: 'p-y' }));
  const decision = evaluate(
    hechiPolicy,
    { arrival: '2022-04-14', itinerary: [{ townCode: '220102001', departDate: '2022-04-14' }], riskList: riskSnapshot({ date: '2022-04-15', areas: [], confirmedCityCodes: ['2201'] }) },
    NOW,
  );
  expect(decision).toMatchObject({ code: 'yellow', clause: '一(三)1', movementWindowEligible: true });
  await changeCode(ctx, { personId: 'p-y', accountId: 'acct-y', decision, source: 'report', eventId: 'e_r-y', reportId: 'r-y' });
  return ctx;
}

describe.each(adapters)('%s', (_name, open) => {
  let store: Store;
  beforeEach(async () => (store = await open()));
  afterEach(() => store.close());

  test('50 concurrent movement-window applications grant exactly one', async () => {
    const ctx = await yellowPerson(store);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => applyWindow(ctx, { hours: 1 + (i % 24), from: '河池站', to: '城北路12号' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await store.count('movementWindows')).toBe(1);
    expect(await store.count('movementWindows', { personId: 'p-y' })).toBe(1);
  });

  test('20 concurrent appeals (different requests) leave exactly one open; a retried request writes once', async () => {
    const ctx = await yellowPerson(store);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => submitAppeal(ctx, { requestId: `req-appeal-${i}`, reason: '我没有去过长春市，行程填错了' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.count('appeals')).toBe(1);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof submitAppeal>>>).value;
    const requestId = (await store.get('appeals', winner.appeal.id))!.requestId;
    const retries = await Promise.all(Array.from({ length: 5 }, () => submitAppeal(ctx, { requestId, reason: '我没有去过长春市，行程填错了' })));
    expect(retries.every((r) => r.duplicate && r.appeal.id === winner.appeal.id)).toBe(true);
    expect(await store.count('appeals')).toBe(1);
  });
});
