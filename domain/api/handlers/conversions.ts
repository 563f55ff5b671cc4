import { confirmConversions, listConversions } from '../../services/conversions';
import type { Handlers } from './types';

export const conversions: Handlers<'conversions'> = {
  list: (ctx, { action: _, ...input }) => listConversions(ctx, input),
  confirm: (ctx, { action: _, ...input }) => confirmConversions(ctx, input),
};
