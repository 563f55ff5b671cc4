// Re-coding at the worst of 2022: N active reports in SQLite (seeded in bulk, coded with the real list
// of 2022-11-25), then the real list of 2022-12-01 is uploaded, decided and published, and its job is
// run one batch at a time. Prints the reports read, the batches, the longest batch and the total.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../adapters/sqlite';
import { divisions } from '../domain/divisions';
import { evaluate, hechiPolicy } from '../domain/policy';
import { recodeWindowDays } from '../domain/services/recode';
import { placesOf } from '../domain/services/report-places';
import { JOB_BATCH, runJob } from '../domain/services/risk-job';
import { riskListOn, snapshotFor } from '../domain/services/risk-list';
import { excludeTarget, listGroups, publishDraft, resolveTarget, uploadDraft } from '../domain/services/risk-registry';
import type { CodeDoc, ReportDoc } from '../domain/store/collections';
import { addDays, localDate } from '../domain/time';
import type { Decision } from '../types/model';
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
  const store = createSqliteStore(join(dir, 'bench.db'));
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
        const code: CodeDoc = { _id: personId, accountId: report.accountId, color: decision.code, category: decision.category, decision, reportId: id, updatedAt: now.toISOString() };
        insertCode.run(personId, JSON.stringify(code));
      }
    })();
    // The bulk seed is one huge transaction: fold its write-ahead log into the database, as SQLite's
    // automatic checkpoints do for the ordinary small transactions of a running host.
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const seedSeconds = (performance.now() - t0) / 1000;

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
    return {
      reports: total,
      seedSeconds,
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
    rmSync(dir, { recursive: true, force: true });
  }
}

export function recodeLine(r: RecodeBench): string {
  const pct = ((r.reportsRead / r.reports) * 100).toFixed(1);
  return (
    `re-coding job, ${r.reports.toLocaleString('en')} active reports in SQLite (origins: 50% Guangxi, 20% Guangdong, 30% any county), ` +
    `2022-12-01 published after 2022-11-25 (${r.counties} counties, ${r.cities} cities changed): ` +
    `total ${(r.publishSeconds + r.recodeSeconds).toFixed(2)} s (areas written ${r.publishSeconds.toFixed(2)} s, re-coding ${r.recodeSeconds.toFixed(2)} s) in ${r.batches} batches, ` +
    `longest batch ${r.longestBatchMs} ms; read ${r.reportsRead.toLocaleString('en')} reports (${pct}% of all, via ${r.placesRead.toLocaleString('en')} place-index rows); ` +
    `${r.stricter.toLocaleString('en')} stricter applied, ${r.looser.toLocaleString('en')} looser to the worklist, ${r.unchanged.toLocaleString('en')} unchanged ` +
    `(goal: total ≤ 10 s, longest batch ≤ 2 s; bulk seed ${r.seedSeconds.toFixed(1)} s)`
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
