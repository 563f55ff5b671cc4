// The publishing job of a risk-list version, in bounded batches that each stay well inside a cloud
// function's time limit: first the version's areas are written county by county (with what changed
// in each), then the version is put in force, then the recent arrivals whose itinerary touches a
// changed county or city are re-coded, a page of the place index at a time. The cursor moves only
// after a batch's writes, and every write is idempotent, so after a crash or a timeout the job
// resumes by repeating at most one batch, which writes the same again. Locally the host drives it;
// in WeChat the publish call starts it and the `riskJob` timer trigger carries it on.
import type { RecodeSummary, RiskJobView } from '../../types/api/risk';
import { cityOf } from '../divisions/codes';
import type { CodeDoc, JobDoc, PolicyVersionDoc, ReportDoc, ReportPlaceDoc, RiskVersionDoc } from '../store/collections';
import { DuplicateKeyError } from '../store/port';
import { addDays, chineseDate, localDate } from '../time';
import type { Decision, LocalDate } from '../../types/model';
import { applyPolicyInForce, policyOfVersion, versionOn } from './policy-in-force';
import type { ServiceContext } from './context';
import { mapLimited } from './concurrency';
import { pageByDate } from './paging';
import { placesOfReport, recodeReports, recodeWindowDays, type RecodeCounts, type RecodeReport } from './recode';
import { countyDocId, riskListOn, snapshotFor } from './risk-list';
import { compareCounty, draftAreasByCounty } from './risk-registry';

/**
 * Counties written per publishing batch, and place-index rows read per re-coding batch: at the worst
 * of 2022 a batch takes well under 2 s on one core (bench/recode.ts). Tests shrink them to cross
 * many batch boundaries with little data.
 */
export const JOB_BATCH = { publish: 100, recode: 2_000, /** How long the publish call itself works on its job. */ publishCallMs: 2_000 };
/** Ids per `$in` query: far below the database's 1,000 records per read. */
const IN_CHUNK = 500;

export async function startPublishJob(ctx: ServiceContext, version: RiskVersionDoc, counties: string[], actor: JobDoc['actor']): Promise<void> {
  const at = ctx.now.toISOString();
  const job: JobDoc = {
    _id: version.jobId,
    kind: 'risk-publish',
    versionId: version._id,
    date: version.date,
    status: 'running',
    phase: 'publish',
    cursor: { index: 0, after: '' },
    counties,
    recodeTotal: 0,
    placesRead: 0,
    counters: { reportsRead: 0, stricter: 0, looser: 0, unchanged: 0 },
    windowStart: addDays(localDate(ctx.now), -recodeWindowDays(ctx.policy)),
    batches: 0,
    longestBatchMs: 0,
    actor,
    startedAt: at,
    updatedAt: at,
  };
  try {
    await ctx.store.insert('jobs', job);
  } catch (e) {
    if (!(e instanceof DuplicateKeyError)) throw e;
  }
}

export function jobView(job: JobDoc): RiskJobView {
  const recode: RecodeSummary = { windowStart: job.windowStart, placesRead: job.placesRead, ...job.counters };
  return {
    id: job._id,
    versionId: job.versionId,
    date: job.date,
    status: job.status,
    phase: job.phase,
    done: job.phase === 'publish' ? job.cursor.index : job.phase === 'recode' ? job.placesRead : job.recodeTotal,
    total: job.phase === 'publish' ? job.counties.length : job.recodeTotal,
    batches: job.batches,
    longestBatchMs: job.longestBatchMs,
    startedAt: job.startedAt,
    updatedAt: job.updatedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    recode,
  };
}

type Key = { field: 'countyCode' | 'cityCode'; value: string };
const keysOf = (version: RiskVersionDoc): Key[] => [
  ...version.diff.counties.map((value) => ({ field: 'countyCode' as const, value })),
  ...version.diff.cities.map((value) => ({ field: 'cityCode' as const, value })),
];

async function countPlaces(ctx: ServiceContext, version: RiskVersionDoc, windowStart: string): Promise<number> {
  let n = 0;
  for (const field of ['countyCode', 'cityCode'] as const) {
    const codes = field === 'countyCode' ? version.diff.counties : version.diff.cities;
    for (let i = 0; i < codes.length; i += 100) {
      n += await ctx.store.count('reportPlaces', { [field]: { $in: codes.slice(i, i + 100) }, arrivalDate: { $gte: windowStart } });
    }
  }
  return n;
}

/**
 * The cursor after a page of one key: the next key when the page came short, else the last row read.
 * (A cursor saved before it carried the row's date restarts its key: the repeat writes nothing new.)
 */
function nextCursor(cursor: JobDoc['cursor'], page: Array<{ _id: string; arrivalDate: LocalDate }>, want: number): JobDoc['cursor'] {
  const last = page.at(-1);
  return page.length < want || !last ? { index: cursor.index + 1, after: '' } : { index: cursor.index, after: last._id, date: last.arrivalDate };
}

async function findIn<C extends 'reports' | 'codes'>(ctx: ServiceContext, collection: C, ids: string[]) {
  const out: unknown[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    out.push(...(await ctx.store.find(collection, { where: { _id: { $in: ids.slice(i, i + IN_CHUNK) } } })));
  }
  return out as unknown as C extends 'reports' ? ReportDoc[] : CodeDoc[];
}

/** One batch of the publishing phase; the version goes in force after its last county. */
async function publishBatch(ctx: ServiceContext, job: JobDoc, version: RiskVersionDoc): Promise<Partial<JobDoc>> {
  const batch = job.counties.slice(job.cursor.index, job.cursor.index + JOB_BATCH.publish);
  if (batch.length) {
    const previous = version.previousId ? await ctx.store.get('riskVersions', version.previousId) : null;
    const before = await snapshotFor(ctx.store, previous, batch);
    const next = await draftAreasByCounty(ctx, version.draftId, batch);
    // Up to 200 documents a batch: 8 in flight keep a cloud batch to about a second.
    await mapLimited(batch, 8, async (county) => {
      const areas = next.get(county) ?? [];
      const _id = countyDocId(version._id, county);
      if (areas.length) await ctx.store.put('riskAreas', { _id, versionId: version._id, countyCode: county, cityCode: cityOf(county), areas });
      const change = compareCounty(before?.areasOf(county) ?? [], areas);
      if (change.added.length || change.removed.length || change.changed.length) {
        await ctx.store.put('riskDiffs', { _id, versionId: version._id, countyCode: county, ...change });
      }
    });
    return { cursor: { index: job.cursor.index + batch.length, after: '' } };
  }
  // Every county is written: the version goes in force, a revision supersedes the day's earlier one.
  await ctx.store.update('riskVersions', version._id, { status: 'published' });
  if (version.supersedes) await ctx.store.update('riskVersions', version.supersedes, { status: 'superseded', supersededBy: version._id });
  await ctx.store.update('riskDrafts', version.draftId, { status: 'published', updatedAt: ctx.now.toISOString() });
  return { phase: 'recode', cursor: { index: 0, after: '' }, recodeTotal: await countPlaces(ctx, version, job.windowStart) };
}

/**
 * One batch of re-coding: up to JOB_BATCH.recode rows of the place index, from the changed counties and
 * cities in the job's order (a county with few arrivals shares its batch with the next ones).
 */
async function recodeBatch(ctx: ServiceContext, job: JobDoc, version: RiskVersionDoc): Promise<Partial<JobDoc>> {
  const keys = keysOf(version);
  if (job.cursor.index >= keys.length) return { status: 'done', phase: 'done', finishedAt: ctx.now.toISOString() };
  const places: Array<ReportPlaceDoc & { key: number }> = [];
  let cursor = job.cursor;
  while (cursor.index < keys.length && places.length < JOB_BATCH.recode) {
    const key = keys[cursor.index]!;
    const want = JOB_BATCH.recode - places.length;
    const page: ReportPlaceDoc[] = await pageByDate(ctx.store, 'reportPlaces', { where: { [key.field]: key.value }, dateField: 'arrivalDate', from: job.windowStart, cursor, limit: want });
    for (const p of page) places.push({ ...p, key: cursor.index });
    cursor = nextCursor(cursor, page, want);
  }
  // A report touching several changed places is re-coded once: at the first of them in the job's order.
  const order = new Map(keys.map((k, i) => [`${k.field}:${k.value}`, i] as const));
  const firstKey = (report: RecodeReport) => {
    const { counties, cities } = placesOfReport(report);
    const at = [...counties.map((c) => order.get(`countyCode:${c}`)), ...cities.map((c) => order.get(`cityCode:${c}`))].filter((i): i is number => i !== undefined);
    return Math.min(...at);
  };
  const keyOf = new Map<string, number>();
  const known = new Map<string, RecodeReport>();
  for (const p of places) {
    if (keyOf.has(p.reportId)) continue;
    keyOf.set(p.reportId, p.key);
    if (p.facts) {
      const { stops, ...rest } = p.facts;
      known.set(p.reportId, { _id: p.reportId, personId: p.personId, arrivalDate: p.arrivalDate, itinerary: stops, ...rest });
    }
  }
  // Rows written before the place index carried the facts: read those reports.
  const older = await findIn(ctx, 'reports', [...keyOf.keys()].filter((id) => !known.has(id)));
  const reports = [...known.values(), ...older].filter((r) => firstKey(r) === keyOf.get(r._id));
  // Codes are read only for the reports whose category the list changes.
  const codes = async (personIds: string[]) => new Map((await findIn(ctx, 'codes', personIds)).map((c) => [c._id, c] as const));
  const counties = new Set(reports.flatMap((r) => placesOfReport(r).counties));
  const previous = version.previousId ? await ctx.store.get('riskVersions', version.previousId) : null;
  const before = await snapshotFor(ctx.store, previous, counties);
  const after = (await snapshotFor(ctx.store, version, counties))!;
  const counts = await recodeReports(ctx, { reports, codes, before, after, versionId: version._id, actorId: job.actor.id });
  return {
    cursor,
    placesRead: job.placesRead + places.length,
    counters: addCounts(job.counters, counts),
  };
}

function addCounts(a: JobDoc['counters'], b: RecodeCounts): JobDoc['counters'] {
  return { reportsRead: a.reportsRead + b.reportsRead, stricter: a.stricter + b.stricter, looser: a.looser + b.looser, unchanged: a.unchanged + b.unchanged };
}

// One runner per job in this process; across instances (WeChat) a repeated batch writes the same.
const running = new Set<string>();

export interface RunOptions {
  /** Stop starting batches after this long (each batch is far shorter than a function's timeout). */
  budgetMs: number;
  /** Milliseconds, for the budget and the batch times (not the business clock, which is ctx.now). */
  clock?: () => number;
  /** At most this many batches (tests and benchmarks step through a job). */
  maxBatches?: number;
}

/** Runs a job's batches until it is done or the budget is spent; returns the job as left. */
export async function runJob(ctx: ServiceContext, jobId: string, options: RunOptions): Promise<JobDoc | null> {
  const clock = options.clock ?? (() => performance.now());
  if (running.has(jobId)) return ctx.store.get('jobs', jobId);
  running.add(jobId);
  try {
    const started = clock();
    let batches = 0;
    for (;;) {
      const job = await ctx.store.get('jobs', jobId);
      if (!job || job.status === 'done') return job;
      if (clock() - started >= options.budgetMs || (options.maxBatches !== undefined && batches >= options.maxBatches)) return job;
      let step: () => Promise<Partial<JobDoc>>;
      if (job.kind === 'policy-switch') step = () => policySwitchBatch(ctx, job);
      else {
        const version = await ctx.store.get('riskVersions', job.versionId);
        if (!version) throw new Error(`job ${jobId}: version ${job.versionId} is missing`);
        step = () => (job.phase === 'publish' ? publishBatch(ctx, job, version) : recodeBatch(ctx, job, version));
      }
      const t0 = clock();
      const patch = ctx.store.batch ? await ctx.store.batch(step) : await step();
      const ms = clock() - t0;
      batches++;
      await ctx.store.update('jobs', jobId, {
        ...patch,
        batches: job.batches + 1,
        longestBatchMs: Math.max(job.longestBatchMs, Math.round(ms)),
        updatedAt: ctx.now.toISOString(),
      });
    }
  } finally {
    running.delete(jobId);
  }
}

/** Carries on every unfinished job, oldest first (the host's loop and the WeChat timer trigger). */
export async function continueRiskJobs(ctx: ServiceContext, budgetMs = 20_000): Promise<{ jobs: number }> {
  // Jobs run under the policy in force, and a policy version whose day has come starts its own.
  await applyPolicyInForce(ctx);
  await startDuePolicySwitches(ctx);
  const jobs = await ctx.store.find('jobs', { where: { status: 'running' }, orderBy: [['startedAt', 'asc']], limit: 10 });
  const started = performance.now();
  for (const job of jobs) {
    const left = budgetMs - (performance.now() - started);
    if (left <= 0) break;
    await runJob(ctx, job._id, { budgetMs: left });
  }
  return { jobs: jobs.length };
}

// ---------------------------------------------------------------- policy switches (issue 11)

/** The counties of Hechi: every report's destination is in one of them (the index destination_arrival). */
const hechiCounties = (ctx: ServiceContext) => ctx.divisions.children('4512').map((d) => d.code).sort();
export const policyJobId = (versionId: string) => `job_policy_${versionId}`;

/**
 * Starts the re-coding job of every scheduled policy version whose date has come (00:00 Asia/Shanghai);
 * the job's id is the version's, so however many timers race, one job runs.
 */
export async function startDuePolicySwitches(ctx: ServiceContext): Promise<string[]> {
  const today = localDate(ctx.now);
  const due: PolicyVersionDoc[] = await ctx.store.find('policyVersions', {
    where: { status: 'scheduled', switched: false, effectiveDate: { $lte: today } },
    orderBy: [['effectiveDate', 'asc']],
    limit: 10,
  });
  const started: string[] = [];
  // Several due at once (the timer did not run for days): only the newest re-codes, from the version
  // in force before the first of them — the ones between never decide anything again. They are marked
  // only after the job exists, so a crash in between starts the same job again.
  const first = due[0];
  for (const version of due.slice(-1)) {
    const from = await versionOn(ctx, addDays(first!.effectiveDate, -1));
    const [before, after] = [await policyOfVersion(ctx, from?._id ?? null), await policyOfVersion(ctx, version._id)];
    const windowStart = addDays(today, -Math.max(recodeWindowDays(before), recodeWindowDays(after)));
    const counties = hechiCounties(ctx);
    let total = 0;
    for (const county of counties) total += await ctx.store.count('reports', { 'destination.countyCode': county, arrivalDate: { $gte: windowStart } });
    const at = ctx.now.toISOString();
    const job: JobDoc = {
      _id: policyJobId(version._id),
      kind: 'policy-switch',
      versionId: version._id,
      fromPolicyId: from?._id ?? null,
      date: version.effectiveDate,
      status: 'running',
      phase: 'recode',
      cursor: { index: 0, after: '' },
      counties,
      recodeTotal: total,
      placesRead: 0,
      counters: { reportsRead: 0, stricter: 0, looser: 0, unchanged: 0 },
      windowStart,
      batches: 0,
      longestBatchMs: 0,
      actor: { id: version.by, name: version.byName, role: 'bureau-admin' },
      startedAt: at,
      updatedAt: at,
    };
    try {
      await ctx.store.insert('jobs', job);
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
    }
    for (const skipped of due.slice(0, -1)) await ctx.store.update('policyVersions', skipped._id, { switched: true });
    await ctx.store.update('policyVersions', version._id, { switched: true, jobId: job._id });
    started.push(job._id);
  }
  return started;
}

/**
 * One batch of a policy switch: up to JOB_BATCH.recode active reports, county by county of Hechi,
 * evaluated with today's list under the policy before and the policy after (at the same moment), so
 * only what the policy changed counts.
 */
async function policySwitchBatch(ctx: ServiceContext, job: JobDoc): Promise<Partial<JobDoc>> {
  const keys = job.counties;
  if (job.cursor.index >= keys.length) return { status: 'done', phase: 'done', finishedAt: ctx.now.toISOString() };
  const reports: ReportDoc[] = [];
  let cursor = job.cursor;
  while (cursor.index < keys.length && reports.length < JOB_BATCH.recode) {
    const want = JOB_BATCH.recode - reports.length;
    const page = await pageByDate(ctx.store, 'reports', { where: { 'destination.countyCode': keys[cursor.index]! }, dateField: 'arrivalDate', from: job.windowStart, cursor, limit: want });
    reports.push(...page);
    cursor = nextCursor(cursor, page, want);
  }
  const [before, after] = [await policyOfVersion(ctx, job.fromPolicyId ?? null), await policyOfVersion(ctx, job.versionId)];
  const version = await ctx.store.get('policyVersions', job.versionId);
  const codes = new Map((await findIn(ctx, 'codes', [...new Set(reports.map((r) => r.personId))])).map((c) => [c._id, c] as const));
  const list = await snapshotFor(ctx.store, await riskListOn(ctx.store, localDate(ctx.now)), new Set(reports.flatMap((r) => placesOfReport(r).counties)));
  const said = `按${after.title}（${after.id}@${after.version}，${chineseDate(job.date)}起施行）重新赋码：`;
  const counts = await recodeReports(ctx, {
    reports,
    codes,
    before: list,
    after: list,
    policies: { before, after },
    versionId: job.versionId,
    actorId: version?.by ?? job.actor.id,
    restate: (d: Decision) => ({ ...d, reason: `${said}${d.reason}` }),
    listDate: list?.date ?? job.date,
  });
  return {
    cursor,
    placesRead: job.placesRead + reports.length,
    counters: addCounts(job.counters, counts),
  };
}
