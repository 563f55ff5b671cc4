import { checkReport, reportAtCheckpoint, verifyAtCheckpoint } from '../../services/checkpoint';
import type { Handlers } from './types';

export const checkpoint: Handlers<'checkpoint'> = {
  verify: (ctx, { action: _, ...input }) => verifyAtCheckpoint(ctx, input),
  report: (ctx, { action: _, ...input }) => reportAtCheckpoint(ctx, input),
  checks: (ctx, { action: _, ...input }) => checkReport(ctx, input),
};
