// Every cloud function's actions, wired to the services (one file per function in ./handlers).
// The cloud functions and the local host both serve exactly this table through `dispatch`.
import type { FunctionName } from '../../types/api';
import type { Handlers } from './handlers/types';
import { account } from './handlers/account';
import { code } from './handlers/code';
import { division } from './handlers/division';
import { report } from './handlers/report';
import { movement } from './handlers/movement';
import { appeal } from './handlers/appeal';
import { family } from './handlers/family';
import { risk } from './handlers/risk';
import { staff } from './handlers/staff';
import { arrivals } from './handlers/arrivals';
import { nucleic } from './handlers/nucleic';
import { conversions } from './handlers/conversions';
import { checkpoint } from './handlers/checkpoint';
import { dashboard } from './handlers/dashboard';
import { policy } from './handlers/policy';

export const HANDLERS: { [F in FunctionName]: Handlers<F> } = {
  report,
  code,
  division,
  account,
  movement,
  appeal,
  family,
  risk,
  staff,
  arrivals,
  nucleic,
  conversions,
  checkpoint,
  dashboard,
  policy,
};
