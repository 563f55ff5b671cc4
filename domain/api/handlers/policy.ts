import { checkPolicyUpload, listPolicies, schedulePolicy, withdrawPolicy } from '../../services/policy-versions';
import type { Handlers } from './types';

export const policy: Handlers<'policy'> = {
  check: (ctx, { action: _, ...input }) => checkPolicyUpload(ctx, input),
  schedule: (ctx, { action: _, ...input }) => schedulePolicy(ctx, input),
  withdraw: (ctx, { action: _, ...input }) => withdrawPolicy(ctx, input),
  list: (ctx) => listPolicies(ctx),
};
