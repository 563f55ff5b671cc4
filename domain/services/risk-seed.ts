// Writes a whole list as a published version in one go: for the local seed, tests and benchmarks,
// where a list is given ready-made (the Bureau's lists go through the draft and the publishing job).
import type { LocalDate, RiskAreaKind } from '../../types/model';
import { cityOf } from '../divisions/codes';
import type { RiskAreaDoc, RiskVersionDoc } from '../store/collections';
import type { Store } from '../store/port';
import { countyDocId, versionIdFor } from './risk-list';

export interface WholeList {
  date: LocalDate;
  areas: RiskAreaDoc[];
  confirmedCityCodes: string[];
  publishedAt: string;
  publishedBy: string;
  publishedByName?: string;
  previous?: RiskVersionDoc | null;
}

export async function putWholeVersion(store: Store, list: WholeList): Promise<RiskVersionDoc> {
  const versionId = versionIdFor(list.date, 1);
  const byCounty = new Map<string, RiskAreaDoc[]>();
  const kinds: Record<RiskAreaKind, number> = { high: 0, medium: 0, sealed: 0, controlled: 0 };
  for (const a of list.areas) {
    byCounty.set(a.countyCode, [...(byCounty.get(a.countyCode) ?? []), a]);
    kinds[a.kind ?? a.level]++;
  }
  for (const [countyCode, areas] of byCounty) {
    await store.put('riskAreas', { _id: countyDocId(versionId, countyCode), versionId, countyCode, cityCode: cityOf(countyCode), areas });
  }
  const counties = [...byCounty.keys()].sort();
  const version: RiskVersionDoc = {
    _id: versionId,
    date: list.date,
    revision: 1,
    status: 'published',
    draftId: `${versionId}_u0`,
    counts: { areas: list.areas.length, kinds, low: 0, excluded: 0 },
    counties,
    cities: [...new Set(counties.map(cityOf))].sort(),
    confirmedCityCodes: list.confirmedCityCodes,
    previousId: list.previous?._id ?? null,
    previousDate: list.previous?.date ?? null,
    diff: { added: list.areas.length, removed: 0, changed: 0, counties, cities: [], citiesAdded: list.confirmedCityCodes, citiesRemoved: [] },
    publishedAt: list.publishedAt,
    publishedBy: list.publishedBy,
    publishedByName: list.publishedByName ?? list.publishedBy,
    jobId: `job_seed_${versionId}`,
  };
  await store.put('riskVersions', version);
  return version;
}
