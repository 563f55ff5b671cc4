import { getArrival, listArrivals, transferArrival, verifyArrival } from '../../services/arrivals';
import type { Handlers } from './types';

export const arrivals: Handlers<'arrivals'> = {
  list: (ctx, { action: _, ...input }) => listArrivals(ctx, input),
  get: (ctx, { action: _, ...input }) => getArrival(ctx, input),
  verify: (ctx, { action: _, ...input }) => verifyArrival(ctx, input),
  transfer: (ctx, { action: _, ...input }) => transferArrival(ctx, input),
};
