// Every cloud function, its actions' schemas and what each answers. One file per function; this
// index only lists them. The schemas give server validation (ajv), TypeScript types and the API docs.
import type { Static, TSchema } from '@sinclair/typebox';
import { ACCOUNT, type AccountOutputs } from './account';
import { CODE, type CodeOutputs } from './code';
import { DIVISION, type DivisionOutputs } from './division';
import { REPORT, type ReportOutputs } from './report';
import { RISK, type RiskOutputs } from './risk';
import { MOVEMENT, type MovementOutputs } from './movement';
import { APPEAL, type AppealOutputs } from './appeal';
import { FAMILY, type FamilyOutputs } from './family';
import { STAFF, type StaffOutputs } from './staff';
import { ARRIVALS, type ArrivalsOutputs } from './arrivals';
import { NUCLEIC, type NucleicOutputs } from './nucleic';
import { CONVERSIONS, type ConversionsOutputs } from './conversions';
import { CHECKPOINT, type CheckpointOutputs } from './checkpoint';
import { DASHBOARD, type DashboardOutputs } from './dashboard';
import { POLICY, type PolicyOutputs } from './policy';

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
