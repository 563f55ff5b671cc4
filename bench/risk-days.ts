// The real national lists of 2022 (test/fixtures/risk-service-2022, the query service's own files)
// published in date order on a fresh database, as the Bureau would: upload, one decision per name
// no rule resolves (the first suggested county, else exclusion with a reason), preview, confirm and
// publish, the job run to its end. Prints per day the areas, the hand decisions (and how many of
// them were for a name decided before: none), and the upload / resolve / publish times.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../adapters/sqlite';
import { divisions } from '../domain/divisions';
import { hechiPolicy } from '../domain/policy';
import type { ServiceContext } from '../domain/services/context';
import { runJob } from '../domain/services/risk-job';
import { excludeTarget, listGroups, previewDraft, publishDraft, resolveTarget, uploadDraft } from '../domain/services/risk-registry';
import type { Store } from '../domain/store/port';
import type { RiskAreaDoc } from '../domain/store/collections';
import { cityOf } from '../domain/divisions/codes';
import { importList } from '../domain/services/risk-import';
import { areaIdFor, groupByName, resolveName } from '../domain/services/risk-resolve';
import { memoryFiles } from './memory-files';

export const RISK_FILES_DIR = join(__dirname, '../test/fixtures/risk-service-2022');

export function riskFiles(): Array<{ name: string; date: string; bytes: Buffer }> {
  return readdirSync(RISK_FILES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, date: `${name.slice(0, 4)}-${name.slice(4, 6)}-${name.slice(6, 8)}`, bytes: readFileSync(join(RISK_FILES_DIR, name)) }));
}

export interface DayResult {
  date: string;
  areas: number;
  groups: number;
  hand: number;
  handRepeated: number;
  uploadMs: number;
  resolveMs: number;
  publishMs: number;
  batches: number;
}

const BUREAU = { _id: 'bench-bureau', role: 'bureau-admin' as const, name: '基准', jurisdiction: '4512', createdAt: '2022-01-01T00:00:00.000Z' };

export function benchContext(store: Store, now: Date, files = memoryFiles()): ServiceContext {
  return {
    store,
    files,
    now,
    identity: { accountId: BUREAU._id, enrollOnFirstUse: false },
    policy: hechiPolicy,
    divisions: divisions(),
    tokenSecret: 'bench-secret-bench-secret-bench-secret',
    rateLimits: false,
  };
}

/** Publishes one real day's file with the Bureau's decisions; `decided` collects the names decided by hand. */
export async function publishDay(store: Store, file: { name: string; date: string; bytes: Buffer }, decided: Set<string>): Promise<DayResult> {
  const now = new Date(`${file.date}T12:00:00+08:00`);
  const files = memoryFiles();
  const ctx = benchContext(store, now, files);
  const fileId = files.add(file.name, file.bytes);
  let t = performance.now();
  const { draft } = await uploadDraft(ctx, { date: file.date, fileId, fileName: file.name });
  const uploadMs = performance.now() - t;
  t = performance.now();
  let hand = 0;
  let handRepeated = 0;
  for (;;) {
    const page = await listGroups(ctx, { draftId: draft.draftId, status: 'open', limit: 100 });
    if (!page.items.length) break;
    for (const g of page.items) {
      hand++;
      if (decided.has(g.id)) handRepeated++;
      decided.add(g.id);
      const pick = g.suggestions[0];
      if (pick) await resolveTarget(ctx, { draftId: draft.draftId, list: 'areas', target: g.id, code: pick.code });
      else await excludeTarget(ctx, { draftId: draft.draftId, list: 'areas', target: g.id, reason: '开发区跨多个区县，无对应区划，由属地另行通报' });
    }
  }
  const resolveMs = performance.now() - t;
  t = performance.now();
  await previewDraft(ctx, draft.draftId);
  const { version, job } = await publishDraft(ctx, { draftId: draft.draftId, confirm: true });
  const done = await runJob(ctx, job.id, { budgetMs: Number.POSITIVE_INFINITY });
  const publishMs = performance.now() - t;
  return { date: file.date, areas: version.areas, groups: draft.counts.groups, hand, handRepeated, uploadMs, resolveMs, publishMs, batches: done?.batches ?? 0 };
}

export async function riskDaysBench(): Promise<DayResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'saoma-days-'));
  const store = createSqliteStore(join(dir, 'bench.db'));
  try {
    await store.migrate();
    await store.put('accounts', BUREAU);
    const decided = new Set<string>();
    const out: DayResult[] = [];
    for (const file of riskFiles()) out.push(await publishDay(store, file, decided));
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function riskDaysLines(days: DayResult[]): string[] {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return [
    'the real lists of 2022 published in date order on a fresh database (SQLite): date, areas, name groups, hand decisions (of them for a name decided before), upload / resolve / publish (job included):',
    ...days.map(
      (d) =>
        `  ${d.date}: ${d.areas.toLocaleString('en')} areas, ${d.groups} names, ${d.hand} hand decisions (${d.handRepeated} repeated), ` +
        `upload ${ms(d.uploadMs)} / resolve ${ms(d.resolveMs)} / publish ${ms(d.publishMs)} in ${d.batches} batches`,
    ),
    `  most hand decisions on a day: ${Math.max(...days.map((d) => d.hand))} (goal ≤ 15); for a name decided before: ${days.reduce((n, d) => n + d.handRepeated, 0)} (goal 0)`,
  ];
}

if (process.argv[1]?.endsWith('risk-days.ts')) {
  riskDaysBench()
    .then((days) => console.log(riskDaysLines(days).join('\n')))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

/** The areas of real lists as the rules resolve them (names no rule resolves left out), each once. */
export async function resolvedAreas(names: string[], today = '2030-01-01'): Promise<RiskAreaDoc[]> {
  const d = divisions();
  const out = new Map<string, RiskAreaDoc>();
  for (const name of names) {
    const list = await importList(readFileSync(join(RISK_FILES_DIR, name)), name, today);
    for (const g of groupByName(d, list.rows)) {
      const r = resolveName(d, g);
      if (!r.countyCode) continue;
      for (const row of g.rows) {
        const area = r.areaText(row.area);
        const id = areaIdFor(r.countyCode, area);
        if (!out.has(id)) out.set(id, { id, level: row.level, kind: row.kind, province: row.province, city: row.city, county: row.county, area, countyCode: r.countyCode, cityCode: cityOf(r.countyCode) });
      }
    }
  }
  return [...out.values()];
}
