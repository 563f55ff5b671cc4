import { addFamily, listFamily } from '../../services/family';
import type { Handlers } from './types';

export const family: Handlers<'family'> = {
  list: (ctx) => listFamily(ctx),
  add: (ctx, { action: _, ...input }) => addFamily(ctx, input),
};
