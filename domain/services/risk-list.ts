// Reading the published national risk-area list in force on a day.
import type { LocalDate } from '../../types/model';
import type { RiskListSnapshot } from '../policy/evaluate';
import type { RiskListDoc } from '../store/collections';
import type { Store } from '../store/port';

/** The newest list published for a date on or before `date`, or null when none is. */
export async function riskListOn(store: Store, date: LocalDate): Promise<RiskListDoc | null> {
  const [list] = await store.find('riskLists', { where: { date: { $lte: date } }, orderBy: [['date', 'desc']], limit: 1 });
  return list ?? null;
}

export function snapshotOf(list: RiskListDoc | null): RiskListSnapshot | null {
  if (!list) return null;
  return {
    date: list.date,
    areas: list.areas.map(({ id, level, countyCode, cityCode, area }) => ({ id, level, countyCode, cityCode, area })),
    confirmedCityCodes: list.confirmedCityCodes,
  };
}
