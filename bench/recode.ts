// Re-coding after a new list, at scale: N active reports in SQLite (seeded in bulk in one transaction),
// then a list that changes 50 counties is published. Prints the time to re-evaluate and write, and how
// many reports were read — the change must touch the affected reports, not scan all of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '../adapters/sqlite';
import { divisions } from '../domain/divisions';
import { cityOf } from '../domain/divisions/codes';
import type { FileStore } from '../domain/files/port';
import { evaluate, hechiPolicy } from '../domain/policy';
import type { Decision } from '../types/model';
import type { ServiceContext } from '../domain/services/context';
import { recodeAfterPublish, recodeWindowDays } from '../domain/services/recode';
import { placesOf } from '../domain/services/report-places';
import { areaIdFor, diffLists } from '../domain/services/risk-registry';
import { snapshotOf } from '../domain/services/risk-list';
import type { StaffAccount } from '../domain/staff/authorize';
import type { CodeDoc, ReportDoc, RiskAreaDoc, RiskListDoc } from '../domain/store/collections';
import { addDays, localDate } from '../domain/time';

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
  recodeSeconds: number;
  placesRead: number;
  reportsRead: number;
  stricter: number;
  looser: number;
  unchanged: number;
  counties: number;
  cities: number;
}

export async function recodeBench(total: number): Promise<RecodeBench> {
  const dir = mkdtempSync(join(tmpdir(), 'saoma-recode-'));
  const store = createSqliteStore(join(dir, 'bench.db'));
  try {
    await store.migrate();
    const d = divisions();
    const now = new Date('2022-04-16T04:00:00Z');
    const today = localDate(now);
    const random = rng(42);

    // 2,000 counties outside Guangxi; 25 cities with at least 3 counties carry the change.
    const counties = d
      .children()
      .filter((p) => p.code !== '45')
      .flatMap((p) => d.children(p.code))
      .flatMap((c) => d.children(c.code))
      .map((k) => k.code)
      .slice(0, 2000);
    const byCity = new Map<string, string[]>();
    for (const k of counties) byCity.set(cityOf(k), [...(byCity.get(cityOf(k)) ?? []), k]);
    const cities = [...byCity.values()].filter((ks) => ks.length >= 3);
    const changing = cities.slice(0, 25);
    const steady = cities.slice(25, 100);
    const area = (countyCode: string, n: number, level: RiskAreaDoc['level'] = 'high'): RiskAreaDoc => {
      const text = `第${n}小区`;
      return { id: areaIdFor(countyCode, text), level, province: '', city: '', county: '', area: text, countyCode, cityCode: cityOf(countyCode) };
    };
    // Previous list: two counties listed in each changing city, one in each of 75 others.
    const before: RiskAreaDoc[] = [
      ...changing.flatMap((ks) => [area(ks[0]!, 1), area(ks[0]!, 2), area(ks[1]!, 1)]),
      ...steady.map((ks) => area(ks[0]!, 1, 'medium')),
    ];
    // New list: in each changing city one county is cleared and another gains an area — 50 counties, no city changes.
    const after: RiskAreaDoc[] = [
      ...changing.flatMap((ks) => [area(ks[1]!, 1), area(ks[2]!, 1)]),
      ...steady.map((ks) => area(ks[0]!, 1, 'medium')),
    ];
    const previous: RiskListDoc = { _id: addDays(today, -1), date: addDays(today, -1), areas: before, confirmedCityCodes: [], publishedAt: now.toISOString(), publishedBy: 'bench' };
    const list: RiskListDoc = { _id: today, date: today, areas: after, confirmedCityCodes: [], publishedAt: now.toISOString(), publishedBy: 'bench' };
    await store.put('riskLists', previous);
    const diff = diffLists(previous, after, []);

    // Reports: one or two stops in random counties, arrival within the re-coding window, coded with the previous list.
    const window = recodeWindowDays(hechiPolicy);
    const snapshot = snapshotOf(previous);
    const decisions = new Map<string, Decision>();
    const insertReport = store.db.prepare('INSERT INTO reports (_id, doc) VALUES (?, ?)');
    const insertPlace = store.db.prepare('INSERT INTO reportPlaces (_id, doc) VALUES (?, ?)');
    const insertCode = store.db.prepare('INSERT INTO codes (_id, doc) VALUES (?, ?)');
    const t0 = process.hrtime.bigint();
    const seed = store.db.transaction(() => {
      for (let i = 0; i < total; i++) {
        const arrivalDate = addDays(today, -Math.floor(random() * window));
        const stops = Array.from({ length: random() < 0.3 ? 2 : 1 }, () => {
          const county = counties[Math.floor(random() * counties.length)]!;
          return { townCode: `${county}001`, departDate: arrivalDate, riskAreaIds: [] as string[], place: county, riskAreas: [] as string[] };
        });
        const key = `${arrivalDate}|${stops.map((s) => s.townCode).join(',')}`;
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
    });
    seed();
    const seedSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    await store.put('riskLists', list);

    const files: FileStore = {
      read: () => Promise.reject(new Error('no files in the benchmark')),
      write: () => Promise.reject(new Error('no files in the benchmark')),
    };
    const ctx: ServiceContext = { store, files, now, identity: null, policy: hechiPolicy, divisions: d, tokenSecret: 'bench-secret-bench-secret-bench-secret' };
    const actor = { _id: 'bench-bureau', role: 'bureau-admin', name: '基准', jurisdiction: '4512', createdAt: now.toISOString() } as StaffAccount;
    const t1 = process.hrtime.bigint();
    const summary = await recodeAfterPublish(ctx, actor, previous, list, diff);
    const recodeSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
    return { reports: total, seedSeconds, recodeSeconds, ...summary, counties: diff.counties.length, cities: diff.cities.length };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function recodeLine(r: RecodeBench): string {
  const pct = ((r.reportsRead / r.reports) * 100).toFixed(2);
  return (
    `re-coding, ${r.reports.toLocaleString('en')} active reports in SQLite, a list changing ${r.counties} counties (${r.cities} cities): ` +
    `${r.recodeSeconds.toFixed(2)} s to re-evaluate and write; read ${r.reportsRead.toLocaleString('en')} reports (${pct}% of all, via ${r.placesRead.toLocaleString('en')} place-index rows); ` +
    `${r.stricter} stricter applied, ${r.looser} looser to the worklist, ${r.unchanged} unchanged (bulk seed ${r.seedSeconds.toFixed(1)} s)`
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
