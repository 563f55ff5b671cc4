// The shape of a policy file (config/policy/*.json). The schema in ./schema.ts checks files against it.
import type { CodeColor, Measure, OriginCategory, RiskAreaKind, RiskLevel } from '../../types/model';

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
  /**
   * Category A only: the levels of the listed areas this rule is for (the strictest area visited
   * decides). Absent: every level. Coverage is checked per level.
   */
  levels?: RiskLevel[];
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
  /** Whether the code a conversion gives may open a movement window (a yellow reached from red may not). */
  movementWindow: boolean;
  /** Chinese templates: reason {clause} {from} {early}; nextStep {date} (the next conversion's due date). */
  reason: string;
  nextStep: string;
}

/** The limited movement window (限时流动). Who may apply: a code given by a rule with `movementWindow`. */
export interface MovementWindowRule {
  minHours: number;
  maxHours: number;
  /** Shown while a window is open. */
  conditions: string[];
  /** When set, an application must give one of these reasons (e.g. only for medical reasons). */
  onRequestFor: string[] | null;
  /** Told to a person whose code cannot open a window. */
  notEligible: string;
}

/** An appeal found the code wrong (三(四)): the corrected code's texts. */
export interface AppealRule {
  clause: string;
  /** {code} the corrected colour's name, {reason} the handler's reason. */
  reason: string;
  nextStep: Record<CodeColor, string>;
}

/** Golden vectors a policy file carries; the checker runs them and refuses a policy that fails one. */
export interface PolicyVectors {
  riskList: { date: string; areas: Array<{ id: string; level: RiskLevel; countyCode: string; cityCode: string; area: string }>; confirmedCityCodes: string[] };
  assignment: Array<{ name: string; now: string; facts: Record<string, unknown>; expected: Record<string, unknown> }>;
  conversion: Array<{ name: string; now: string; state: Record<string, unknown>; expected: Record<string, unknown> | null }>;
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
  movementWindow: MovementWindowRule;
  appeal: AppealRule;
  /** How each designation of a listed area counts (sealed → high, controlled → medium in Hechi). */
  zoneLevels: Record<RiskAreaKind, RiskLevel>;
  limits: {
    /** How far back an arrival (or a sample) may be reported and staff lists reach: past every period. */
    reportAgeDays: number;
  };
  vectors: PolicyVectors;
}
