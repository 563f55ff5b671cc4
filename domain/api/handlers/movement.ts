import { applyWindow, cancelWindow } from '../../services/movement';
import type { Handlers } from './types';

export const movement: Handlers<'movement'> = {
  apply: (ctx, { action: _, ...input }) => applyWindow(ctx, input),
  cancel: (ctx, input) => cancelWindow(ctx, input.requestId, input.personId),
};
