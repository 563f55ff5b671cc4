// Every cloud function's actions, wired to the services. The cloud functions and the local host
// both serve exactly this table through `dispatch`.
import type { ActionInput, ActionName, FunctionName } from '../../types/api';
import type { ServiceContext } from '../services/context';
import { getReport, listReports, submitReport } from '../services/report';
import { myCode } from '../services/code';
import { countyRiskAreas, divisionChildren } from '../services/division';
import { me } from '../services/account';

type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: (ctx: ServiceContext, input: ActionInput<F, A>) => Promise<unknown> | unknown;
};

export const HANDLERS: { [F in FunctionName]: Handlers<F> } = {
  report: {
    submit: (ctx, { action: _, ...input }) => submitReport(ctx, input),
    list: (ctx) => listReports(ctx),
    get: (ctx, input) => getReport(ctx, input.id),
  },
  code: {
    mine: (ctx) => myCode(ctx),
  },
  division: {
    children: (ctx, input) => divisionChildren(ctx, input.code),
    riskAreas: (ctx, input) => countyRiskAreas(ctx, input.countyCode),
  },
  account: {
    me: (ctx) => me(ctx),
  },
};
