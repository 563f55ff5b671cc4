// Places for the report form's pickers, and the listed risk areas of a county.
import type { Division, LocalDate, RiskAreaOption } from '../../types/model';
import { countyOf, isInHechi } from '../divisions/codes';
import { localDate } from '../time';
import type { ServiceContext } from './context';
import { riskListOn, snapshotFor, streetAreas } from './risk-list';

export function divisionChildren(ctx: ServiceContext, code?: string): { divisions: Division[] } {
  // Below the town level only Hechi is shipped (destinations are picked down to the community).
  if (code && code.length === 9 && !isInHechi(code)) return { divisions: [] };
  return { divisions: ctx.divisions.children(code) };
}

/**
 * The listed risk areas of a county for the report form. Given the town picked, the areas that name
 * it come first and are marked, so a person from 团山街道 is not left to scroll a county's hundreds.
 */
export async function countyRiskAreas(
  ctx: ServiceContext,
  countyCode: string,
  townCode?: string,
): Promise<{ listDate: LocalDate | null; areas: RiskAreaOption[]; town?: { name: string; matched: number } }> {
  const version = await riskListOn(ctx.store, localDate(ctx.now));
  const snapshot = await snapshotFor(ctx.store, version, [countyCode]);
  const all = snapshot?.areasOf(countyCode) ?? [];
  const options = (areas: typeof all, inTown: boolean) => areas.map(({ id, level, area }) => ({ id, level, area, ...(inTown ? { inTown } : {}) }));
  const town = townCode && countyOf(townCode) === countyCode ? ctx.divisions.get(townCode) : null;
  if (!town) return { listDate: version?.date ?? null, areas: options(all, false) };
  const named = new Set(streetAreas(all, town.name).map((a) => a.id));
  return {
    listDate: version?.date ?? null,
    areas: [...options(all.filter((a) => named.has(a.id)), true), ...options(all.filter((a) => !named.has(a.id)), false)],
    town: { name: town.name, matched: named.size },
  };
}

/** The report form's rules from the policy version in force (a new version may change them). */
export function formRules(ctx: ServiceContext): { policyVersion: string; itineraryWindowDays: number; maxArrivalAgeDays: number } {
  return {
    policyVersion: `${ctx.policy.id}@${ctx.policy.version}`,
    itineraryWindowDays: ctx.policy.itineraryWindowDays,
    maxArrivalAgeDays: ctx.policy.limits.reportAgeDays,
  };
}
