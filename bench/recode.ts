// Re-coding at the worst of 2022: N active reports in SQLite (seeded in bulk, coded with the real list
// of 2022-11-25), then the real list of 2022-12-01 is uploaded, decided and published, and its job is
// run one batch at a time. Prints the reports read, the batches, the longest batch and the total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createSqliteStore, type SqliteStore } from '../adapters/sqlite';
import { divisions } from '../domain/divisions';
import { evaluate, hechiPolicy } from '../domain/policy';
import { recodeWindowDays } from '../domain/services/recode';
import { placesOf } from '../domain/services/report-places';
import { JOB_BATCH, runJob } from '../domain/services/risk-job';
import { riskListOn, snapshotFor } from '../domain/services/risk-list';
import { excludeTarget, listGroups, publishDraft, resolveTarget, uploadDraft } from '../domain/services/risk-registry';
import type { CodeDoc, ReportDoc, RiskVersionDoc } from '../domain/store/collections';
import { addDays, localDate } from '../domain/time';
import type { Decision, LocalDate } from '../types/model';
import { memoryFiles } from './memory-files';
import { benchContext, publishDay, riskFiles } from './risk-days';

/** Deterministic pseudo-random numbers, so every run seeds the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface RecodeBench {
  reports: number;
  seedSeconds: number;
  publishSeconds: number;
  recodeSeconds: number;
  batches: number;
  longestBatchMs: number;
  placesRead: number;
  reportsRead: number;
  stricter: number;
  looser: number;
  unchanged: number;
  counties: number;
  cities: number;
  floor: BareFloor;
}

/** What SQLite alone costs for the job's rows (see bareFloor). */
export interface BareFloor {
  placeRows: number;
  codesRead: number;
  rowsWritten: number;
  commits: number;
  readSeconds: number;
  writeSeconds: number;
}

/**
 * Where the arrivals come from (an assumption, stated in the output): half from the rest of Guangxi,
 * a fifth from Guangdong, the rest from any county of China; 30% with two stops; a tenth of those
 * whose county is listed ticked one of its areas.
 */
function originPicker(random: () => number) {
  const d = divisions();
  const countiesOf = (province: string) => d.children(province).flatMap((c) => d.children(c.code)).map((k) => k.code);
  const guangxi = countiesOf('45').filter((k) => !k.startsWith('4512'));
  const guangdong = countiesOf('44');
  const all = d.children().flatMap((p) => countiesOf(p.code)).filter((k) => !k.startsWith('4512'));
  const from = (list: string[]) => list[Math.floor(random() * list.length)]!;
  return () => {
    const r = random();
    return from(r < 0.5 ? guangxi : r < 0.7 ? guangdong : all);
  };
}

export async function recodeBench(total: number): Promise<RecodeBench> {
  const dir = mkdtempSync(join(tmpdir(), 'saoma-recode-'));
  try {
    const file = join(dir, 'bench.db');
    const seedSeconds = await seedRecodeDb(file, total);
    return { ...(await runRecodeJob(file)), reports: total, seedSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** N active reports coded with the list of 2022-11-25 (that list published), in a new database file. */
export async function seedRecodeDb(path: string, total: number): Promise<number> {
  const store = createSqliteStore(path);
  try {
    await store.migrate();
    await store.put('accounts', { _id: 'bench-bureau', role: 'bureau-admin', name: '基准', jurisdiction: '4512', createdAt: '2022-01-01T00:00:00.000Z' });
    const files = riskFiles();
    const decided = new Set<string>();
    await publishDay(store, files.find((f) => f.date === '2022-11-25')!, decided);

    const now = new Date('2022-12-01T12:00:00+08:00');
    const today = localDate(now);
    const random = rng(42);
    const origin = originPicker(random);
    const window = recodeWindowDays(hechiPolicy);
    const before = (await riskListOn(store, today))!;
    const snapshot = (await snapshotFor(store, before, before.counties))!;
    const decisions = new Map<string, Decision>();
    const insertReport = store.db.prepare('INSERT INTO reports (_id, doc) VALUES (?, ?)');
    const insertPlace = store.db.prepare('INSERT INTO reportPlaces (_id, doc) VALUES (?, ?)');
    const insertCode = store.db.prepare('INSERT INTO codes (_id, doc) VALUES (?, ?)');
    const t0 = performance.now();
    store.db.transaction(() => {
      for (let i = 0; i < total; i++) {
        const arrivalDate = addDays(today, -Math.floor(random() * window));
        const stops = Array.from({ length: random() < 0.3 ? 2 : 1 }, () => {
          const county = origin();
          const listed = snapshot.areasOf(county);
          const riskAreaIds = listed.length && random() < 0.1 ? [listed[Math.floor(random() * listed.length)]!.id] : [];
          return { townCode: `${county}001`, departDate: arrivalDate, riskAreaIds, place: county, riskAreas: [] as string[] };
        });
        const key = `${arrivalDate}|${stops.map((s) => `${s.townCode}:${s.riskAreaIds.join()}`).join(',')}`;
        let decision = decisions.get(key);
        if (!decision) {
          decision = evaluate(hechiPolicy, { arrival: arrivalDate, itinerary: stops, riskList: snapshot }, now);
          if (decisions.size < 200_000) decisions.set(key, decision);
        }
        const id = `r_${i.toString(36).padStart(8, '0')}`;
        const personId = `p_${i.toString(36).padStart(8, '0')}`;
        const report: ReportDoc = {
          _id: id,
          accountId: `acc_${i}`,
          requestId: `req_${i}`,
          personId,
          name: '测试',
          idNumber: '450702199003071234',
          phone: '13800138000',
          itinerary: stops,
          arrivalDate,
          transport: 'train',
          itineraryStar: false,
          destination: { villageCode: '451202001001', countyCode: '451202', address: '城北路' },
          decision,
          applied: true,
          createdAt: now.toISOString(),
        };
        insertReport.run(id, JSON.stringify(report));
        for (const place of placesOf(report)) insertPlace.run(place._id, JSON.stringify(place));
        const code: CodeDoc = { _id: personId, accountId: report.accountId, color: decision.code, category: decision.category, decision, reportId: id, countyCode: report.destination.countyCode, updatedAt: now.toISOString() };
        insertCode.run(personId, JSON.stringify(code));
      }
    })();
    // The bulk seed is one huge transaction: fold its write-ahead log into the database, as SQLite's
    // automatic checkpoints do for the ordinary small transactions of a running host.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    return (performance.now() - t0) / 1000;
  } finally {
    await store.close();
  }
}

/** Publishes 2022-12-01 over a seeded database and runs its job one batch at a time. */
export async function runRecodeJob(path: string): Promise<Omit<RecodeBench, 'reports' | 'seedSeconds'>> {
  // As the host opens its database.
  const store = createSqliteStore(path, { backgroundCheckpoints: true });
  try {
    await store.migrate();
    const files = riskFiles();
    const now = new Date('2022-12-01T12:00:00+08:00');
    // 2022-12-01 as the Bureau publishes it, the decisions of 11-25 remembered.
    const mem = memoryFiles();
    const ctx = benchContext(store, now, mem);
    const file = files.find((f) => f.date === '2022-12-01')!;
    const { draft } = await uploadDraft(ctx, { date: file.date, fileId: mem.add(file.name, file.bytes), fileName: file.name });
    for (;;) {
      const page = await listGroups(ctx, { draftId: draft.draftId, status: 'open', limit: 100 });
      if (!page.items.length) break;
      for (const g of page.items) {
        if (g.suggestions[0]) await resolveTarget(ctx, { draftId: draft.draftId, list: 'areas', target: g.id, code: g.suggestions[0].code });
        else await excludeTarget(ctx, { draftId: draft.draftId, list: 'areas', target: g.id, reason: '开发区跨多个区县，无对应区划' });
      }
    }
    const t1 = performance.now();
    const callMs = JOB_BATCH.publishCallMs;
    // The publish call does no batch here, so each phase's batches are timed below one by one.
    JOB_BATCH.publishCallMs = 0;
    const published = await publishDraft(ctx, { draftId: draft.draftId, confirm: true }).finally(() => (JOB_BATCH.publishCallMs = callMs));
    let job = (await store.get('jobs', published.job.id))!;
    let publishSeconds = 0;
    for (;;) {
      const phase = job.phase;
      const b0 = performance.now();
      job = (await runJob(ctx, job._id, { budgetMs: Number.POSITIVE_INFINITY, maxBatches: 1 }))!;
      if (phase === 'publish') publishSeconds += (performance.now() - b0) / 1000;
      if (job.status === 'done') break;
    }
    const totalSeconds = (performance.now() - t1) / 1000;
    const version = (await store.get('riskVersions', job.versionId))!;
    const floor = bareFloor(store, version, job.windowStart, job.batches);
    return {
      floor,
      publishSeconds,
      recodeSeconds: totalSeconds - publishSeconds,
      batches: job.batches,
      longestBatchMs: job.longestBatchMs,
      placesRead: job.placesRead,
      ...job.counters,
      counties: version.diff.counties.length,
      cities: version.diff.cities.length,
    };
  } finally {
    await store.close();
  }
}

/**
 * The baseline beside the job, on the same file right after it: the same rows read and written as
 * bare SQL, with no engine, no checks and no store layer. Reads: the place rows of every changed county
 * and city (the job's own queries) and the codes of every person the job changed; writes: each code,
 * event and review the job wrote, written again as it is, in as many commits as the job had batches.
 * Writing a row again as it is costs SQLite no less than the first write did (the page is rewritten,
 * the log appended, checkpoints folded in), except index entries whose key did not change: so this is
 * a lower bound for any job that has to make these changes through this store on this machine.
 */
function bareFloor(store: SqliteStore, version: RiskVersionDoc, windowStart: LocalDate, commits: number): BareFloor {
  const { db } = store;
  type Row = { _id: string; personId: string; json: string };
  const rowsOf = (docs: Array<{ doc: string }>): Row[] => docs.map(({ doc }) => ({ ...(JSON.parse(doc) as { _id: string; personId: string }), json: doc }));
  // The job's own writes, in the order it made them (rowid order), found by their ids' prefixes: read
  // first, outside the timing (the job made them; it did not read them).
  const prefixed = (table: string, prefix: string) =>
    rowsOf(db.prepare(`SELECT doc FROM "${table}" WHERE _id >= ? AND _id < ? ORDER BY rowid`).all(prefix, `${prefix}\uffff`) as Array<{ doc: string }>);
  const events = prefixed('codeEvents', `e_recode_${version._id}_`);
  const reviews = prefixed('recodeReviews', `rv_${version._id}_`);
  const persons = [...new Set([...events, ...reviews].map((r) => r.personId))];
  const t0 = performance.now();
  let placeRows = 0;
  for (const [column, codes] of [['$.countyCode', version.diff.counties], ['$.cityCode', version.diff.cities]] as const) {
    const places = db.prepare(`SELECT doc FROM reportPlaces WHERE "${column}" = ? AND "$.arrivalDate" >= ? ORDER BY "$.arrivalDate", _id`);
    for (const code of codes) placeRows += rowsOf(places.all(code, windowStart) as Array<{ doc: string }>).length;
  }
  const chunk = 500;
  const readCodes = db.prepare(`SELECT doc FROM codes WHERE _id IN (${Array(chunk).fill('?').join(',')})`);
  const codes = new Map<string, Row>();
  for (let i = 0; i < persons.length; i += chunk) {
    const ids = persons.slice(i, i + chunk);
    for (const code of rowsOf(readCodes.all(...ids, ...Array(chunk - ids.length).fill('')) as Array<{ doc: string }>)) codes.set(code._id, code);
  }
  const t1 = performance.now();
  const put = (table: string) => db.prepare(`INSERT INTO "${table}" (_id, doc) VALUES (?, ?) ON CONFLICT(_id) DO UPDATE SET doc = excluded.doc`);
  const [putEvent, putCode, putReview] = [put('codeEvents'), put('codes'), put('recodeReviews')];
  // Each event, then the code it changed; then the reviews.
  const writes: Array<[Database.Statement, Row]> = [
    ...events.flatMap((e): Array<[Database.Statement, Row]> => [[putEvent, e], [putCode, codes.get(e.personId)!]]),
    ...reviews.map((r): [Database.Statement, Row] => [putReview, r]),
  ];
  const per = Math.ceil(writes.length / commits);
  for (let i = 0; i < writes.length; i += per) {
    db.transaction(() => {
      for (const [statement, row] of writes.slice(i, i + per)) statement.run(row._id, row.json);
    }).immediate();
  }
  const t2 = performance.now();
  return { placeRows, codesRead: codes.size, rowsWritten: writes.length, commits: Math.ceil(writes.length / per), readSeconds: (t1 - t0) / 1000, writeSeconds: (t2 - t1) / 1000 };
}

export function recodeLine(r: RecodeBench): string {
  const pct = ((r.reportsRead / r.reports) * 100).toFixed(1);
  return (
    `re-coding job, ${r.reports.toLocaleString('en')} active reports in SQLite (origins: 50% Guangxi, 20% Guangdong, 30% any county), ` +
    `2022-12-01 published after 2022-11-25 (${r.counties} counties, ${r.cities} cities changed): ` +
    `total ${(r.publishSeconds + r.recodeSeconds).toFixed(2)} s (areas written ${r.publishSeconds.toFixed(2)} s, re-coding ${r.recodeSeconds.toFixed(2)} s) in ${r.batches} batches, ` +
    `longest batch ${r.longestBatchMs} ms; read ${r.reportsRead.toLocaleString('en')} reports (${pct}% of all, via ${r.placesRead.toLocaleString('en')} place-index rows); ` +
    `${r.stricter.toLocaleString('en')} stricter applied, ${r.looser.toLocaleString('en')} looser to the worklist, ${r.unchanged.toLocaleString('en')} unchanged ` +
    `(goal: total ≤ 10 s, longest batch ≤ 2 s; bulk seed ${r.seedSeconds.toFixed(1)} s)\n` +
    `  baseline, same file, same run: the job's rows as bare SQL (no engine, no store layer) take ${(r.floor.readSeconds + r.floor.writeSeconds).toFixed(2)} s — ` +
    `reads ${r.floor.readSeconds.toFixed(2)} s (${r.floor.placeRows.toLocaleString('en')} place rows, ${r.floor.codesRead.toLocaleString('en')} codes), ` +
    `writes ${r.floor.writeSeconds.toFixed(2)} s (${r.floor.rowsWritten.toLocaleString('en')} rows in ${r.floor.commits} commits)`
  );
}

if (process.argv[1]?.endsWith('recode.ts')) {
  const n = Number(process.argv[2] ?? 100_000);
  recodeBench(n)
    .then((r) => console.log(recodeLine(r)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
