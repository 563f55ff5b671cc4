// A policy switch re-codes through the resumable job (issue 11): on both store adapters, the switch to
// the TEST FIXTURE policy (test/policy/fixtures — not a real policy) is crashed after each of its writes
// in turn and carried on by the next timer run; the end state is the state of a run that never crashed.
// Also: the policy in force is read once per store and day, not once per call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fixture from '../policy/fixtures/two-levels.fixture.json';
import { memoryFiles } from '../../bench/memory-files';
import { divisions } from '../../domain/divisions';
import { evaluate, hechiPolicy } from '../../domain/policy';
import type { ServiceContext } from '../../domain/services/context';
import { applyPolicyInForce } from '../../domain/services/policy-in-force';
import { schedulePolicy } from '../../domain/services/policy-versions';
import { continueRiskJobs, JOB_BATCH } from '../../domain/services/risk-job';
import { snapshotFor } from '../../domain/services/risk-list';
import { putWholeVersion } from '../../domain/services/risk-seed';
import type { CodeDoc, ReportDoc } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import { sampleRiskList } from '../../host/seed';
import { storeAdapters } from '../support/adapters';

// Every write of a run is crashed in turn: dozens of runs per adapter.
jest.setTimeout(120_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-switch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const FILED = new Date('2022-04-20T04:00:00Z');
const SWITCH = new Date('2022-04-21T16:30:00Z'); // 00:30 on 2022-04-22 in Hechi
const d = divisions();
const town = (county: string) => d.children(county)[0]!.code;

const adapters = storeAdapters(dir);

const context = (store: Store, now: Date, files = memoryFiles()): ServiceContext => ({
  store,
  files,
  now,
  identity: { accountId: 'demo-bureau', enrollOnFirstUse: false },
  policy: hechiPolicy,
  divisions: d,
  tokenSecret: 'x'.repeat(32),
  rateLimits: false,
});

/** 24 active arrivals coded with the Hechi policy on 04-20, and the fixture scheduled for 04-22. */
async function prepared(open: () => Promise<Store>): Promise<Store> {
  const store = await open();
  await store.put('accounts', { _id: 'demo-bureau', role: 'bureau-admin', name: '韦主任', jurisdiction: '4512', createdAt: FILED.toISOString() });
  const list = await putWholeVersion(store, sampleRiskList(d, FILED.toISOString()));
  const snapshot = (await snapshotFor(store, list, list.counties))!;
  const kuancheng = snapshot.areasOf('220103');
  for (let i = 0; i < 24; i++) {
    const arrivalDate = `2022-04-${String(8 + (i % 12)).padStart(2, '0')}`;
    const kind = i % 4;
    const stops =
      kind === 0
        ? [{ townCode: '220103002', departDate: arrivalDate, riskAreaIds: [kuancheng[i % kuancheng.length]!.id] }]
        : kind === 1
          ? [{ townCode: '220103002', departDate: arrivalDate, riskAreaIds: [] }]
          : kind === 2
            ? [{ townCode: '220102001', departDate: arrivalDate }]
            : [{ townCode: town('450103'), departDate: arrivalDate }];
    const decision = evaluate(hechiPolicy, { arrival: arrivalDate, itinerary: stops, riskList: snapshot }, FILED);
    const id = `r_${String(i).padStart(3, '0')}`;
    const personId = `p_${String(i).padStart(3, '0')}`;
    const report: ReportDoc = {
      _id: id,
      accountId: `acct_${i}`,
      requestId: `req_${i}`,
      personId,
      name: '测试',
      idNumber: '450702199003071234',
      phone: '13800138000',
      itinerary: stops.map((s) => ({ ...s, place: s.townCode, riskAreas: [] })),
      arrivalDate,
      transport: 'train',
      itineraryStar: false,
      // Two counties of Hechi, so the job crosses from one to the next.
      destination: i % 2 ? { villageCode: '451202001001', countyCode: '451202', address: '城北路' } : { villageCode: '451203100001', countyCode: '451203', address: '南丹' },
      decision,
      applied: true,
      createdAt: FILED.toISOString(),
    };
    await store.put('reports', report);
    const code: CodeDoc = { _id: personId, accountId: report.accountId, color: decision.code, category: decision.category, decision, reportId: id, updatedAt: FILED.toISOString() };
    await store.put('codes', code);
  }
  const files = memoryFiles();
  const fileId = files.add('policy.json', Buffer.from(JSON.stringify(fixture)));
  await schedulePolicy(context(store, FILED, files), { fileId, effectiveDate: '2022-04-22', reason: '测试用政策文件' });
  return store;
}

async function endState(store: Store) {
  const all = async <C extends 'codes' | 'codeEvents' | 'recodeReviews' | 'jobs' | 'policyVersions'>(c: C) => store.find(c, { orderBy: [['_id', 'asc']], limit: 10_000 });
  return {
    codes: (await all('codes')).map((c) => [c._id, c.color, c.decision.clause, c.decision.policyVersion, c.eventId ?? null]),
    events: (await all('codeEvents')).map((e) => [e._id, e.from, e.to, e.clause, e.policyVersion]),
    reviews: (await all('recodeReviews')).map((r) => [r._id, r.status, r.proposed.code, r.proposed.policyVersion]),
    jobs: (await all('jobs')).map((j) => [j._id, j.kind, j.status, j.placesRead, j.counters]),
    versions: (await all('policyVersions')).map((v) => [v._id, v.status, v.switched, v.jobId ?? null]),
  };
}

function crashingAfter(store: Store, k: number): { store: Store; writes: () => number } {
  let writes = 0;
  const wrap =
    (name: 'insert' | 'put' | 'update') =>
    async (...args: unknown[]) => {
      const result = await (store[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      writes++;
      if (writes === k) throw new Error(`crash after write ${k}`);
      return result;
    };
  const proxy = Object.create(store) as Store;
  Object.assign(proxy, { insert: wrap('insert'), put: wrap('put'), update: wrap('update') });
  if (store.batch) proxy.batch = (fn) => store.batch!(fn);
  return { store: proxy, writes: () => writes };
}

describe.each(adapters)('%s', (_name, open) => {
  const saved = { ...JOB_BATCH };
  beforeAll(() => Object.assign(JOB_BATCH, { recode: 4 }));
  afterAll(() => Object.assign(JOB_BATCH, saved));

  it('a switch crashed after any write and carried on by the next timer ends as an uninterrupted run', async () => {
    const clean = await prepared(open);
    const counting = crashingAfter(clean, Number.POSITIVE_INFINITY);
    await continueRiskJobs(context(counting.store, SWITCH), 60_000);
    const expected = await endState(clean);
    const total = counting.writes();
    const counters = expected.jobs[0]![4] as { stricter: number; looser: number; reportsRead: number };
    expect(expected.jobs[0]!.slice(1, 3)).toEqual(['policy-switch', 'done']);
    expect(counters.reportsRead).toBe(24);
    expect(counters.stricter).toBeGreaterThan(0);
    expect(counters.looser).toBeGreaterThan(0);
    expect(expected.versions[0]!.slice(1)).toEqual(['scheduled', true, expect.stringMatching(/^job_policy_pv_/)]);
    expect(expected.events.every((e) => e[4] === 'fixture-two-levels@1.0.0')).toBe(true);
    expect(total).toBeGreaterThan(10);
    await clean.close();

    for (let k = 1; k <= total; k++) {
      const run = await prepared(open);
      const crashing = crashingAfter(run, k);
      await expect(continueRiskJobs(context(crashing.store, SWITCH), 60_000)).rejects.toThrow(`crash after write ${k}`);
      // The next timer run, a minute later.
      await continueRiskJobs(context(run, new Date(SWITCH.getTime() + 60_000)), 60_000);
      expect(await endState(run)).toEqual(expected);
      await run.close();
    }
  });
});

it('the version in force is read once per store and day, not once per call', async () => {
  const store = await prepared(adapters[0]![1]);
  let reads = 0;
  const counting = Object.create(store) as Store;
  counting.find = (async (...args: Parameters<Store['find']>) => {
    if (args[0] === 'policyVersions') reads++;
    return store.find(...args);
  }) as Store['find'];
  // In a day's first minutes every call asks (another instance may still be on the day before).
  for (let i = 0; i < 3; i++) await applyPolicyInForce(context(counting, new Date('2022-04-21T16:01:00Z')));
  expect(reads).toBe(3);
  const ctxs = [];
  for (let i = 0; i < 50; i++) ctxs.push(await applyPolicyInForce(context(counting, new Date('2022-04-22T04:00:00Z'))));
  expect(reads).toBe(4);
  expect(new Set(ctxs.map((c) => c.policy.id))).toEqual(new Set(['fixture-two-levels']));
  // The day before is still the built-in policy.
  expect((await applyPolicyInForce(context(counting, new Date('2022-04-21T04:00:00Z')))).policy).toBe(hechiPolicy);
  await store.close();
});

it('versions that came due together (no timer for days) re-code once, from the version before the first of them', async () => {
  const store = await prepared(adapters[0]![1]);
  const files = memoryFiles();
  const fileId = files.add('policy.json', Buffer.from(JSON.stringify({ ...fixture, version: '1.0.1' })));
  await schedulePolicy(context(store, FILED, files), { fileId, effectiveDate: '2022-04-23', reason: '测试用政策文件' });
  await continueRiskJobs(context(store, new Date('2022-04-24T04:00:00Z')), 60_000);
  const jobs = await store.find('jobs', { where: { kind: 'policy-switch' } });
  expect(jobs.map((j) => [j.fromPolicyId, j.status])).toEqual([[null, 'done']]);
  const versions = await store.find('policyVersions', { orderBy: [['effectiveDate', 'asc']] });
  expect(versions.map((v) => [v.version, v.switched, v.jobId ?? null])).toEqual([
    ['1.0.0', true, null],
    ['1.0.1', true, jobs[0]!._id],
  ]);
  const reviews = await store.find('recodeReviews', { limit: 1000 });
  expect(reviews.length).toBeGreaterThan(0);
  expect(new Set(reviews.map((r) => r.proposed.policyVersion))).toEqual(new Set(['fixture-two-levels@1.0.1']));
  expect(jobs[0]!.counters.reportsRead).toBe(24);
  await store.close();
});
