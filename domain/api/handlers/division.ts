import { countyRiskAreas, divisionChildren } from '../../services/division';
import type { Handlers } from './types';

export const division: Handlers<'division'> = {
  children: (ctx, input) => divisionChildren(ctx, input.code),
  riskAreas: (ctx, input) => countyRiskAreas(ctx, input.countyCode, input.townCode),
};
