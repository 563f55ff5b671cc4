// When a code may be converted (转码), computed from the policy; a person (the area administrator)
// confirms each conversion.
import type { CodeColor, Decision, LocalDate, OriginCategory } from '../../types/model';
import { addDays, chineseDate, daysBetween, localDate } from '../time';
import { fill, versionOf } from './evaluate';
import type { ConversionRule, Policy } from './types';

export const COLOR_NAME: Record<CodeColor, string> = { red: '红码', yellow: '黄码', green: '绿码' };

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

/**
 * The decision a conversion gives, in the rule's own words: the target code citing the rule's clause,
 * from today, naming the policy in force. `early` is said in the reason of a conversion before its due date.
 */
export function convertedDecision(policy: Policy, from: Decision, state: Pick<CodeState, 'code' | 'category'>, now: Date, early: string): Decision {
  const rule = conversionRule(policy, state);
  if (!rule) throw new Error(`policy ${policy.id}: no conversion from ${state.code} for ${state.category}`);
  const today = localDate(now);
  // The next step's date: when the code it gives may be converted in turn (its monitoring ends).
  const next = rule.to === 'green' ? undefined : conversionRule(policy, { code: rule.to, category: state.category });
  const date = rule.to === 'green' ? undefined : next?.due ? addDays(today, next.due.days) : addDays(today, policy.monitoringDays);
  const reason = fill(rule.reason, { clause: rule.clause, from: COLOR_NAME[state.code], early });
  const text = fill(rule.nextStep, { date: date ? chineseDate(date) : '' });
  return {
    code: rule.to,
    clause: rule.clause,
    category: from.category,
    policyVersion: versionOf(policy),
    riskListDate: from.riskListDate,
    arrivalDate: from.arrivalDate,
    daysSinceArrival: daysBetween(from.arrivalDate, today),
    since: today,
    reason,
    nextStep: date ? { text, date } : { text },
    movementWindowEligible: rule.movementWindow,
    matchedPlaces: from.matchedPlaces,
  };
}

/** The decision an appeal found wrong gets (三(四)): the corrected colour, in the policy's words, from today. */
export function correctedDecision(policy: Policy, was: Decision, to: CodeColor, reason: string, now: Date): Decision {
  return {
    ...was,
    code: to,
    clause: policy.appeal.clause,
    since: localDate(now),
    policyVersion: versionOf(policy),
    reason: fill(policy.appeal.reason, { code: COLOR_NAME[to], reason }),
    nextStep: { text: policy.appeal.nextStep[to] },
    // A corrected code is not an assignment rule's yellow: it opens no movement window.
    movementWindowEligible: false,
  };
}
