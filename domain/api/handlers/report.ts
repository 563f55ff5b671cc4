import { getReport, listReports, submitReport } from '../../services/report';
import type { Handlers } from './types';

export const report: Handlers<'report'> = {
  submit: (ctx, { action: _, ...input }) => submitReport(ctx, input),
  list: (ctx, input) => listReports(ctx, input.personId),
  get: (ctx, input) => getReport(ctx, input.id),
};
