import { myCode } from '../../services/code';
import type { Handlers } from './types';

export const code: Handlers<'code'> = {
  mine: (ctx) => myCode(ctx),
};
