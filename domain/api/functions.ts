// Every cloud function's actions, wired to the services (one file per function in ./handlers).
// The cloud functions and the local host both serve exactly this table through `dispatch`.
import type { FunctionName } from '../../types/api';
import type { Handlers } from './handlers/types';
import { account } from './handlers/account';
import { code } from './handlers/code';
import { division } from './handlers/division';
import { report } from './handlers/report';

export const HANDLERS: { [F in FunctionName]: Handlers<F> } = {
  report,
  code,
  division,
  account,
};
