import { dailyQuality, drillDown, exportTable } from '../../services/dashboard';
import type { Handlers } from './types';

export const dashboard: Handlers<'dashboard'> = {
  daily: (ctx, { action: _, ...input }) => dailyQuality(ctx, input),
  list: (ctx, { action: _, ...input }) => drillDown(ctx, input),
  export: (ctx, { action: _, ...input }) => exportTable(ctx, input),
};
