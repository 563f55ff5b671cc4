import { countyRiskAreas, divisionChildren, formRules } from '../../services/division';
import type { Handlers } from './types';

export const division: Handlers<'division'> = {
  children: (ctx, input) => divisionChildren(ctx, input.code),
  formRules: (ctx) => formRules(ctx),
  riskAreas: (ctx, input) => countyRiskAreas(ctx, input.countyCode, input.townCode),
};
