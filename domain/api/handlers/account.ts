import { me } from '../../services/account';
import type { Handlers } from './types';

export const account: Handlers<'account'> = {
  me: (ctx) => me(ctx),
};
