// The publishing job survives a crash anywhere: on both store adapters, a publish is crashed after
// each of its writes in turn (every batch boundary and every write inside a batch), then retried as
// the Bureau would (the same publish call) and carried on as the timer would; the end state — codes,
// history, the area administrator's worklist, the version's areas and diff, the job's counts — is
// the state of a run that never crashed. Also: a report filed while the job runs is coded against
// the new list, and a same-day revision re-codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryFiles } from '../../bench/memory-files';
import { divisions } from '../../domain/divisions';
import { evaluate, hechiPolicy } from '../../domain/policy';
import type { ServiceContext } from '../../domain/services/context';
import { placesOf } from '../../domain/services/report-places';
import { JOB_BATCH, runJob } from '../../domain/services/risk-job';
import { riskListOn, snapshotFor } from '../../domain/services/risk-list';
import { publishDraft, uploadDraft } from '../../domain/services/risk-registry';
import { putWholeVersion } from '../../domain/services/risk-seed';
import type { CodeDoc, ReportDoc } from '../../domain/store/collections';
import type { Store } from '../../domain/store/port';
import { sampleRiskList } from '../../host/seed';
import sample from '../../host/seed/risk-list-2022-04-15.sample.json';
import { csv, type ListRow } from '../support/risk-files';
import { storeAdapters } from '../support/adapters';
import { crashingAfter } from '../support/crash';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-job-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2022-04-16T04:00:00Z');
const d = divisions();

const adapters = storeAdapters(dir);

const town = (county: string) => d.children(county)[0]!.code;
/** The next day's list: 汤原县 cleared, areas in 南宁市青秀区 and 广州市白云区, one 宽城区 area lowered. */
function nextList(): ListRow[] {
  const rows: ListRow[] = sample.areas.filter((a) => a.county !== '汤原县').map((a) => ({ ...a }));
  const kuancheng = rows.find((r) => r.county === '宽城区' && r.level === 'high');
  if (kuancheng) kuancheng.level = 'medium';
  rows.push({ level: '封控区', province: '广西壮族自治区', city: '南宁市', county: '青秀区', area: '新竹街道民族大道100号' });
  rows.push({ level: 'high', province: '广东省', city: '广州市', county: '白云区', area: '景泰街道白云大道南1号' });
  return rows;
}

function context(store: Store, files = memoryFiles()): ServiceContext {
  return { store, files, now: NOW, identity: { accountId: 'demo-bureau', enrollOnFirstUse: false }, policy: hechiPolicy, divisions: d, tokenSecret: 'x'.repeat(32), rateLimits: false };
}

/** A database with the 04-15 list, 30 active arrivals coded with it, and the 04-16 draft uploaded. */
async function prepared(open: () => Promise<Store>): Promise<{ store: Store; draftId: string }> {
  const store = await open();
  await store.put('accounts', { _id: 'demo-bureau', role: 'bureau-admin', name: '韦主任', jurisdiction: '4512', createdAt: NOW.toISOString() });
  const before = await putWholeVersion(store, sampleRiskList(d, NOW.toISOString()));
  const snapshot = (await snapshotFor(store, before, before.counties))!;
  const tangyuan = snapshot.areasOf('230828');
  for (let i = 0; i < 30; i++) {
    const arrivalDate = `2022-04-${String(3 + (i % 12)).padStart(2, '0')}`;
    const kind = i % 3;
    // From a listed area of 汤原县 (looser now); from 青秀区 (stricter now); via 白云区 and 汤原县 (two changed places).
    const stops =
      kind === 0
        ? [{ townCode: town('230828'), departDate: arrivalDate, riskAreaIds: [tangyuan[i % tangyuan.length]!.id] }]
        : kind === 1
          ? [{ townCode: town('450103'), departDate: arrivalDate }]
          : [{ townCode: town('440111'), departDate: arrivalDate }, { townCode: town('230828'), departDate: arrivalDate, riskAreaIds: [] }];
    const decision = evaluate(hechiPolicy, { arrival: arrivalDate, itinerary: stops, riskList: snapshot }, NOW);
    const id = `r_${String(i).padStart(3, '0')}`;
    const personId = `p_${String(i % 25).padStart(3, '0')}`;
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
      destination: { villageCode: '451202001001', countyCode: '451202', address: '城北路' },
      decision,
      applied: true,
      createdAt: NOW.toISOString(),
    };
    await store.put('reports', report);
    // A fifth of the place rows as written before they carried the report's facts: the job reads those reports.
    for (const { facts, ...p } of placesOf(report)) await store.put('reportPlaces', i % 5 === 0 ? p : { ...p, facts: facts! });
    const code: CodeDoc = { _id: personId, accountId: report.accountId, color: decision.code, category: decision.category, decision, reportId: id, updatedAt: NOW.toISOString() };
    await store.put('codes', code);
  }
  const files = memoryFiles();
  const fileId = files.add('0416.csv', Buffer.from(csv(nextList())));
  const { draft } = await uploadDraft(context(store, files), { date: '2022-04-16', fileId, fileName: '0416.csv' });
  expect(draft.counts.open).toBe(0);
  return { store, draftId: draft.draftId };
}

/** What a run leaves behind, without timestamps. */
async function endState(store: Store) {
  const all = async <C extends 'codes' | 'codeEvents' | 'recodeReviews' | 'riskAreas' | 'riskDiffs' | 'riskVersions' | 'jobs' | 'riskDrafts'>(c: C) =>
    store.find(c, { orderBy: [['_id', 'asc']], limit: 10_000 });
  return {
    codes: (await all('codes')).map((c) => [c._id, c.color, c.decision.clause, c.eventId ?? null, c.reportId]),
    events: (await all('codeEvents')).map((e) => [e._id, e.from, e.to, e.clause]),
    reviews: (await all('recodeReviews')).map((r) => [r._id, r.status, r.proposed.code]),
    areas: (await all('riskAreas')).map((a) => [a._id, a.areas.map((x) => `${x.id}:${x.kind ?? x.level}`).join()]),
    diffs: (await all('riskDiffs')).map((x) => [x._id, x.added.length, x.removed.length, x.changed.length]),
    versions: (await all('riskVersions')).map((v) => [v._id, v.status, v.counts.areas]),
    jobs: (await all('jobs')).map((j) => [j._id, j.status, j.placesRead, j.counters]),
    drafts: (await all('riskDrafts')).map((x) => [x._id, x.status]),
    audits: await store.count('auditLog', { action: 'risk.publish' }),
  };
}

async function publishToTheEnd(store: Store, draftId: string) {
  const ctx = context(store);
  const { job } = await publishDraft(ctx, { draftId, confirm: true });
  await runJob(ctx, job.id, { budgetMs: Number.POSITIVE_INFINITY });
}

describe.each(adapters)('%s', (_name, open) => {
  const saved = { ...JOB_BATCH };
  beforeAll(() => Object.assign(JOB_BATCH, { publish: 2, recode: 4 }));
  afterAll(() => Object.assign(JOB_BATCH, saved));

  it('crashed after any write, then retried and carried on, ends as an uninterrupted run', async () => {
    const clean = await prepared(open);
    const counting = crashingAfter(clean.store, Number.POSITIVE_INFINITY);
    await publishToTheEnd(counting, clean.draftId);
    const expected = await endState(clean.store);
    const total = counting.writes;
    // What the run did, so that the comparison means something: several batches, both kinds of change.
    expect(expected.jobs[0]).toEqual([expect.any(String), 'done', expect.any(Number), expect.objectContaining({ stricter: expect.any(Number), looser: expect.any(Number) })]);
    const counters = expected.jobs[0]![3] as { stricter: number; looser: number; reportsRead: number };
    expect(counters.stricter).toBeGreaterThan(0);
    expect(counters.looser).toBeGreaterThan(0);
    expect(counters.reportsRead).toBe(30);
    expect((await clean.store.get('jobs', String(expected.jobs[0]![0])))!.batches).toBeGreaterThan(10);
    expect(total).toBeGreaterThan(40);
    await clean.store.close();

    for (let k = 1; k <= total; k++) {
      const run = await prepared(open);
      const crashing = crashingAfter(run.store, k);
      await expect(publishToTheEnd(crashing, run.draftId)).rejects.toThrow(`crash after write ${k}`);
      await publishToTheEnd(run.store, run.draftId);
      expect([k, await endState(run.store)]).toEqual([k, expected]);
      await run.store.close();
    }
  }, 300_000);

  it('puts the new list in force for new reports once its areas are written, while re-coding goes on; a same-day revision re-codes', async () => {
    const run = await prepared(open);
    const ctx = context(run.store);
    JOB_BATCH.publishCallMs = 0;
    const { job } = await publishDraft(ctx, { draftId: run.draftId, confirm: true }).finally(() => (JOB_BATCH.publishCallMs = saved.publishCallMs));
    expect(job).toMatchObject({ phase: 'publish', done: 0, status: 'running' });
    expect((await riskListOn(run.store, '2022-04-16'))?._id).toBe('2022-04-15_r1');
    let left = (await run.store.get('jobs', job.id))!;
    while (left.phase === 'publish') left = (await runJob(ctx, job.id, { budgetMs: Number.POSITIVE_INFINITY, maxBatches: 1 }))!;
    expect(left).toMatchObject({ phase: 'recode', status: 'running' });
    // A report filed now reads the new list: 青秀区 is listed in it.
    const version = await riskListOn(run.store, '2022-04-16');
    expect(version?._id).toBe('2022-04-16_r1');
    const list = await snapshotFor(run.store, version, ['450103']);
    const decision = evaluate(hechiPolicy, { arrival: '2022-04-16', itinerary: [{ townCode: town('450103'), departDate: '2022-04-16' }], riskList: list }, NOW);
    expect(decision).toMatchObject({ code: 'red', category: 'B', riskListDate: '2022-04-16' });
    await runJob(ctx, job.id, { budgetMs: Number.POSITIVE_INFINITY });

    // A correction the same day puts 青秀区 back to unlisted: the people it made stricter are proposed looser.
    const files = memoryFiles();
    const rows = nextList().filter((r) => r.county !== '青秀区');
    const { draft } = await uploadDraft(context(run.store, files), { date: '2022-04-16', fileId: files.add('fix.csv', Buffer.from(csv(rows))), fileName: 'fix.csv' });
    expect(draft).toMatchObject({ revision: 2, supersedes: '2022-04-16_r1' });
    const fixed = await publishDraft(ctx, { draftId: draft.draftId, confirm: true, reason: '青秀区为误列，国家名单已更正' });
    await runJob(ctx, fixed.job.id, { budgetMs: Number.POSITIVE_INFINITY });
    const after = (await run.store.get('jobs', fixed.job.id))!;
    expect(after).toMatchObject({ status: 'done', counters: { reportsRead: 10, looser: expect.any(Number) } });
    expect(after.counters.looser).toBeGreaterThan(0);
    expect((await riskListOn(run.store, '2022-04-16'))?._id).toBe('2022-04-16_r2');
    expect(await run.store.get('riskVersions', '2022-04-16_r1')).toMatchObject({ status: 'superseded', supersededBy: '2022-04-16_r2' });
    const reviews = await run.store.find('recodeReviews', { where: { status: 'pending' } });
    expect(reviews.some((r) => r._id.startsWith('rv_2022-04-16_r2_'))).toBe(true);
    await run.store.close();
  }, 60_000);
});
