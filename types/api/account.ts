// `account`: who the caller is.
import type { Rules } from './actions';
import type { AccountView } from '../model';
import { emptyAction } from './common';

export const ACCOUNT = { me: emptyAction('me') } as const;

export interface AccountOutputs {
  me: { account: AccountView };
}

export const ACCOUNT_RULES = {
  me: { who: 'signed-in', errors: [] },
} satisfies Rules<typeof ACCOUNT>;
