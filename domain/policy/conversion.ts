// When a code may be converted (转码), computed from the policy; a person (the area administrator)
// confirms each conversion.
import type { CodeColor, LocalDate, OriginCategory } from '../../types/model';
import { addDays, localDate } from '../time';
import type { ConversionRule, Policy } from './types';

export interface CodeState {
  code: CodeColor;
  category: OriginCategory;
  arrivalDate: LocalDate;
  /** The day the current code was given. */
  since: LocalDate;
  /** Sample dates of negative nucleic-acid results on file. */
  negativeSampleDates: LocalDate[];
}

export interface ConversionStatus {
  to: CodeColor;
  clause: string;
  /** First day the conversion is due; null when it waits on a staff decision (measure lifted). */
  dueDate: LocalDate | null;
  due: boolean;
  /** What is still missing when the date has come but the conversion is not yet due. */
  missing: 'negative-test' | null;
}

export function conversionRule(policy: Policy, state: Pick<CodeState, 'code' | 'category'>): ConversionRule | undefined {
  return policy.conversions.find((c) => c.from === state.code && c.categories.includes(state.category));
}

/** null for a green code (nothing to convert). */
export function conversionStatus(policy: Policy, state: CodeState, now: Date): ConversionStatus | null {
  if (state.code === 'green') return null;
  const rule = conversionRule(policy, state);
  if (!rule) throw new Error(`policy ${policy.id}: no conversion from ${state.code} for ${state.category}`);
  const today = localDate(now);
  const dueDate = rule.due ? addDays(rule.due.from === 'arrival' ? state.arrivalDate : state.since, rule.due.days) : null;
  const dateReached = dueDate !== null && today >= dueDate;
  const testOk = !rule.negativeTest || state.negativeSampleDates.some((d) => d >= state.since && d <= today);
  return {
    to: rule.to,
    clause: rule.clause,
    dueDate,
    due: dateReached && testOk,
    missing: dateReached && !testOk ? 'negative-test' : null,
  };
}
