import { myCode } from '../../services/code';
import { personHistory } from '../../services/history';
import type { Handlers } from './types';

export const code: Handlers<'code'> = {
  mine: (ctx, input) => myCode(ctx, input.personId),
  history: (ctx, input) => personHistory(ctx, input.personId),
};
