// The shape of a policy file (config/policy/*.json). The schema in ./schema.ts checks files against it.
import type { CodeColor, Measure, OriginCategory } from '../../types/model';

/** A date computed from the arrival date or from the day the current code was given. */
export interface DateRule {
  from: 'arrival' | 'since';
  days: number;
}

export interface AssignmentRule {
  clause: string;
  category: OriginCategory;
  /** First day since arrival (inclusive) this rule covers. */
  fromDay: number;
  /** Last day (inclusive), or null for no end. */
  toDay: number | null;
  code: CodeColor;
  /** Whether a yellow given by this rule may apply for the movement window (限时流动). */
  movementWindow: boolean;
  /** Chinese template: {places} {days} {date} */
  reason: string;
  nextStep: string;
  nextStepDate?: DateRule;
}

export interface MeasureRule {
  measure: Measure;
  label: string;
  code: CodeColor;
  clause: string;
  reason: string;
  nextStep: string;
  nextStepDate?: DateRule;
}

export interface ConversionRule {
  from: CodeColor;
  to: CodeColor;
  categories: OriginCategory[];
  clause: string;
  /** When the conversion falls due; null when it depends on a staff decision (a measure lifted). */
  due: DateRule | null;
  /** Whether a negative nucleic-acid result, sampled on or after the code's start, is required. */
  negativeTest: boolean;
}

export interface Policy {
  id: string;
  version: string;
  title: string;
  timezone: 'Asia/Shanghai';
  itineraryWindowDays: number;
  monitoringDays: number;
  decisions: string[];
  categories: Record<OriginCategory, string>;
  assignment: AssignmentRule[];
  measures: MeasureRule[];
  conversions: ConversionRule[];
}
