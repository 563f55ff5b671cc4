import { answerAppeal, appealQueue, appealStats, getAppeal, myAppeals, submitAppeal } from '../../services/appeal';
import { appealPhoto } from '../../services/appeal-photos';
import type { Handlers } from './types';

export const appeal: Handlers<'appeal'> = {
  submit: (ctx, { action: _, ...input }) => submitAppeal(ctx, input),
  mine: (ctx, input) => myAppeals(ctx, input.personId),
  queue: (ctx, { action: _, status, ...page }) => appealQueue(ctx, status, page),
  get: (ctx, input) => getAppeal(ctx, input.id),
  photo: (ctx, input) => appealPhoto(ctx, input.id, input.index),
  answer: (ctx, { action: _, ...input }) => answerAppeal(ctx, input),
  stats: (ctx) => appealStats(ctx),
};
