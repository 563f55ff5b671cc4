// Every cloud function, its actions' schemas and what each answers. One file per function; this
// index only lists them. The schemas give server validation (ajv), TypeScript types and the API docs.
import type { Static, TSchema } from '@sinclair/typebox';
import type { Rules } from './actions';
import { ACCOUNT, ACCOUNT_RULES, type AccountOutputs } from './account';
import { CODE, CODE_RULES, type CodeOutputs } from './code';
import { DIVISION, DIVISION_RULES, type DivisionOutputs } from './division';
import { REPORT, REPORT_RULES, type ReportOutputs } from './report';
import { RISK, RISK_RULES, type RiskOutputs } from './risk';
import { MOVEMENT, MOVEMENT_RULES, type MovementOutputs } from './movement';
import { APPEAL, APPEAL_RULES, type AppealOutputs } from './appeal';
import { FAMILY, FAMILY_RULES, type FamilyOutputs } from './family';
import { STAFF, STAFF_RULES, type StaffOutputs } from './staff';
import { ARRIVALS, ARRIVALS_RULES, type ArrivalsOutputs } from './arrivals';
import { NUCLEIC, NUCLEIC_RULES, type NucleicOutputs } from './nucleic';
import { CONVERSIONS, CONVERSIONS_RULES, type ConversionsOutputs } from './conversions';
import { CHECKPOINT, CHECKPOINT_RULES, type CheckpointOutputs } from './checkpoint';
import { DASHBOARD, DASHBOARD_RULES, type DashboardOutputs } from './dashboard';
import { POLICY, POLICY_RULES, type PolicyOutputs } from './policy';

export { ReportSubmit, ItineraryStopSchema } from './report';

/** Every cloud function and its actions. The local host serves exactly these. */
export const API = {
  report: REPORT,
  code: CODE,
  division: DIVISION,
  account: ACCOUNT,
  risk: RISK,
  movement: MOVEMENT,
  appeal: APPEAL,
  family: FAMILY,
  staff: STAFF,
  arrivals: ARRIVALS,
  nucleic: NUCLEIC,
  conversions: CONVERSIONS,
  checkpoint: CHECKPOINT,
  dashboard: DASHBOARD,
  policy: POLICY,
} as const;

/**
 * Each action's declaration (types/api/actions.ts): who, permission, scope, audit, retry key, errors.
 * Keyed like API, so a function without its rules is a type error.
 */
export const RULES: { [F in keyof typeof API]: Rules<(typeof API)[F]> } = {
  account: ACCOUNT_RULES,
  code: CODE_RULES,
  division: DIVISION_RULES,
  report: REPORT_RULES,
  risk: RISK_RULES,
  movement: MOVEMENT_RULES,
  appeal: APPEAL_RULES,
  family: FAMILY_RULES,
  staff: STAFF_RULES,
  arrivals: ARRIVALS_RULES,
  nucleic: NUCLEIC_RULES,
  conversions: CONVERSIONS_RULES,
  checkpoint: CHECKPOINT_RULES,
  dashboard: DASHBOARD_RULES,
  policy: POLICY_RULES,
};

/** What each action answers with (the contract's `data`). */
export interface Outputs {
  report: ReportOutputs;
  code: CodeOutputs;
  division: DivisionOutputs;
  account: AccountOutputs;
  risk: RiskOutputs;
  movement: MovementOutputs;
  appeal: AppealOutputs;
  family: FamilyOutputs;
  staff: StaffOutputs;
  arrivals: ArrivalsOutputs;
  nucleic: NucleicOutputs;
  conversions: ConversionsOutputs;
  checkpoint: CheckpointOutputs;
  dashboard: DashboardOutputs;
  policy: PolicyOutputs;
}

export type FunctionName = keyof typeof API;
export type ActionName<F extends FunctionName> = keyof (typeof API)[F] & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof API)[F][A] extends infer S extends TSchema ? S : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Static<SchemaOf<F, A>>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = A extends keyof Outputs[F] ? Outputs[F][A] : never;
