import { verifyAtCheckpoint } from '../../services/checkpoint';
import type { Handlers } from './types';

export const checkpoint: Handlers<'checkpoint'> = {
  verify: (ctx, { action: _, ...input }) => verifyAtCheckpoint(ctx, input),
};
