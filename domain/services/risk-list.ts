// Reading the published national risk-area list: the version in force on a day (one small summary
// document), and the areas of just the counties a question needs (one document per county). A
// version never changes once published, so what was read of it is kept in memory and shared.
import type { LocalDate } from '../../types/model';
import type { RiskListArea, RiskListSnapshot } from '../policy/evaluate';
import type { RiskAreaDoc, RiskAreasDoc, RiskVersionDoc } from '../store/collections';
import type { Store } from '../store/port';

export const versionIdFor = (date: LocalDate, revision: number) => `${date}_r${revision}`;
export const countyDocId = (versionId: string, countyCode: string) => `${versionId}_${countyCode}`;

// Every report submission asks for the version in force (a tenth of the host's CPU per submission):
// where the store can tell whether riskVersions changed (its changeMark: SQLite), the answer is kept per
// day until it does — a publish, a revision or another process's commit reads it afresh.
const IN_FORCE_DAYS = 4;
const inForce = new WeakMap<Store, Map<LocalDate, { mark: string; version: RiskVersionDoc | null }>>();

/**
 * The version in force on `date`: the newest published day on or before it, its newest revision.
 * The document may be shared with other callers: read it, never change it.
 */
export async function riskListOn(store: Store, date: LocalDate): Promise<RiskVersionDoc | null> {
  // Taken before the query: a change while it runs gives a new mark, so what it read is never reused.
  const mark = store.changeMark?.('riskVersions');
  if (mark === undefined) return findInForce(store, date);
  let days = inForce.get(store);
  const kept = days?.get(date);
  if (kept && kept.mark === mark) return kept.version;
  const version = await findInForce(store, date);
  if (!days) inForce.set(store, (days = new Map()));
  days.set(date, { mark, version });
  while (days.size > IN_FORCE_DAYS) days.delete(days.keys().next().value!);
  return version;
}

async function findInForce(store: Store, date: LocalDate): Promise<RiskVersionDoc | null> {
  const [version] = await store.find('riskVersions', {
    where: { status: 'published', date: { $lte: date } },
    orderBy: [
      ['date', 'desc'],
      ['revision', 'desc'],
    ],
    limit: 1,
  });
  return version ?? null;
}

/** The newest version of any status but superseded (a day being published counts: nothing older may follow it). */
export async function newestVersion(store: Store): Promise<RiskVersionDoc | null> {
  const [version] = await store.find('riskVersions', {
    where: { status: { $in: ['published', 'publishing'] } },
    orderBy: [
      ['date', 'desc'],
      ['revision', 'desc'],
    ],
    limit: 1,
  });
  return version ?? null;
}

/** A version's snapshot for the engine, filled county by county as questions need them. */
export class VersionSnapshot implements RiskListSnapshot {
  readonly date: LocalDate;
  readonly listedCounties: ReadonlySet<string>;
  readonly caseCities: ReadonlySet<string>;
  readonly areas = new Map<string, Map<string, RiskListArea>>();
  /** The stored areas of the loaded counties (views read them too). */
  readonly docs = new Map<string, RiskAreaDoc[]>();

  constructor(readonly version: RiskVersionDoc) {
    this.date = version.date;
    this.listedCounties = new Set(version.counties);
    this.caseCities = new Set([...version.confirmedCityCodes, ...version.cities]);
  }

  has(countyCode: string): boolean {
    return this.docs.has(countyCode) || !this.listedCounties.has(countyCode);
  }

  add(countyCode: string, areas: RiskAreaDoc[]): void {
    this.docs.set(countyCode, areas);
    this.areas.set(countyCode, new Map(areas.map((a) => [a.id, a] as const)));
  }

  /** The listed areas of a county (empty when it has none); the county must have been loaded. */
  areasOf(countyCode: string): RiskAreaDoc[] {
    if (!this.listedCounties.has(countyCode)) return [];
    const docs = this.docs.get(countyCode);
    if (!docs) throw new Error(`risk list ${this.version._id}: county ${countyCode} not loaded`);
    return docs;
  }
}

// Published versions are immutable: keep the last few read per store, with the counties loaded so far.
const CACHE_SIZE = 4;
const caches = new WeakMap<Store, Map<string, VersionSnapshot>>();

function cached(store: Store, version: RiskVersionDoc): VersionSnapshot {
  // A version being published has no summary yet: never keep it.
  if (version.status === 'publishing') return new VersionSnapshot(version);
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  let snapshot = cache.get(version._id);
  if (!snapshot) {
    snapshot = new VersionSnapshot(version);
    cache.set(version._id, snapshot);
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return snapshot;
}

/** Loads the listed counties among `counties` that the snapshot lacks: one query for all of them. */
export async function loadCounties(store: Store, snapshot: VersionSnapshot, counties: Iterable<string>): Promise<void> {
  const missing = [...new Set(counties)].filter((c) => !snapshot.has(c));
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100);
    const docs: RiskAreasDoc[] = await store.find('riskAreas', { where: { _id: { $in: chunk.map((c) => countyDocId(snapshot.version._id, c)) } } });
    for (const doc of docs) snapshot.add(doc.countyCode, doc.areas);
    // A listed county whose document is missing would lose its areas: never evaluate without them.
    for (const c of chunk) if (!snapshot.has(c)) throw new Error(`risk list ${snapshot.version._id}: no areas stored for listed county ${c}`);
  }
}

/** The snapshot of a version with the given counties loaded (null for no version). */
export async function snapshotFor(store: Store, version: RiskVersionDoc | null, counties: Iterable<string>): Promise<VersionSnapshot | null> {
  if (!version) return null;
  const snapshot = cached(store, version);
  await loadCounties(store, snapshot, counties);
  return snapshot;
}

/** The areas of a county whose text names the street (or its stem: 团山 for 团山街道). */
export function streetAreas(areas: RiskAreaDoc[], street: string): RiskAreaDoc[] {
  const stem = street.replace(/(街道办事处|街道|地区办事处|镇|乡)$/, '');
  return areas.filter((a) => a.area.includes(street) || (stem.length >= 2 && a.area.includes(stem)));
}
