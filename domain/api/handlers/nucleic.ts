import { importTests, recordTest } from '../../services/nucleic';
import type { Handlers } from './types';

export const nucleic: Handlers<'nucleic'> = {
  record: (ctx, { action: _, ...input }) => recordTest(ctx, input),
  import: (ctx, { action: _, ...input }) => importTests(ctx, input),
};
