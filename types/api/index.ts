// Every cloud function, its actions' schemas and what each answers. One file per function; this
// index only lists them. The schemas give server validation (ajv), TypeScript types and the API docs.
import type { Static, TSchema } from '@sinclair/typebox';
import { ACCOUNT, type AccountOutputs } from './account';
import { CODE, type CodeOutputs } from './code';
import { DIVISION, type DivisionOutputs } from './division';
import { REPORT, type ReportOutputs } from './report';

export { ReportSubmit, ItineraryStopSchema } from './report';

/** Every cloud function and its actions. The local host serves exactly these. */
export const API = {
  report: REPORT,
  code: CODE,
  division: DIVISION,
  account: ACCOUNT,
} as const;

/** What each action answers with (the contract's `data`). */
export interface Outputs {
  report: ReportOutputs;
  code: CodeOutputs;
  division: DivisionOutputs;
  account: AccountOutputs;
}

export type FunctionName = keyof typeof API;
export type ActionName<F extends FunctionName> = keyof (typeof API)[F] & string;
type SchemaOf<F extends FunctionName, A extends ActionName<F>> = (typeof API)[F][A] extends infer S extends TSchema ? S : never;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Static<SchemaOf<F, A>>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = A extends keyof Outputs[F] ? Outputs[F][A] : never;
