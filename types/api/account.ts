// `account`: who the caller is.
import type { AccountView } from '../model';
import { emptyAction } from './common';

export const ACCOUNT = { me: emptyAction('me') } as const;

export interface AccountOutputs {
  me: { account: AccountView };
}
