// Places for the report form's pickers, and the listed risk areas of a county.
import type { Division, LocalDate, RiskAreaOption } from '../../types/model';
import { isInHechi } from '../divisions/codes';
import { localDate } from '../time';
import type { ServiceContext } from './context';
import { riskListOn } from './risk-list';

export function divisionChildren(ctx: ServiceContext, code?: string): { divisions: Division[] } {
  // Below the town level only Hechi is shipped (destinations are picked down to the community).
  if (code && code.length === 9 && !isInHechi(code)) return { divisions: [] };
  return { divisions: ctx.divisions.children(code) };
}

export async function countyRiskAreas(
  ctx: ServiceContext,
  countyCode: string,
): Promise<{ listDate: LocalDate | null; areas: RiskAreaOption[] }> {
  const list = await riskListOn(ctx.store, localDate(ctx.now));
  const areas = (list?.areas ?? [])
    .filter((a) => a.countyCode === countyCode)
    .map(({ id, level, area }) => ({ id, level, area }));
  return { listDate: list?.date ?? null, areas };
}
