// The policy engine: a pure function of the policy, the facts and the clock (CertLogic style).
// It never reads the time itself and never touches storage.
import type { CodeColor, Decision, LocalDate, Measure, OriginCategory, RiskLevel } from '../../types/model';
import { addDays, chineseDate, daysBetween, localDate } from '../time';
import { cityOf, countyOf } from '../divisions/codes';
import type { DateRule, Policy } from './types';

export interface RiskListArea {
  id: string;
  level: RiskLevel;
  countyCode: string;
  cityCode: string;
  area: string;
}

export interface RiskListSnapshot {
  date: LocalDate;
  areas: RiskListArea[];
  /** Cities with confirmed local cases. A city with a listed area counts as one whether listed here or not. */
  confirmedCityCodes: string[];
}

export interface FactsStop {
  townCode: string;
  departDate: LocalDate;
  riskAreaIds?: string[];
  /** Full names for reason texts, e.g. 吉林省长春市宽城区 and 吉林省长春市. */
  countyName?: string;
  cityName?: string;
}

export interface Facts {
  /** Arrival in Hechi: a date, or the instant it was recorded (then its Asia/Shanghai date counts). */
  arrival: LocalDate | string;
  itinerary: FactsStop[];
  riskList: RiskListSnapshot | null;
  measure?: Measure | null;
  /** The day the code was (or is being) given; today when absent. */
  since?: LocalDate;
}

const ORDER: OriginCategory[] = ['A', 'B', 'C', 'none'];

export interface Categorisation {
  category: OriginCategory;
  places: string[];
}

/** The strictest origin category over the stops that fall in the itinerary window. */
export function categorise(policy: Policy, facts: Facts): Categorisation {
  const arrivalDate = localDate(facts.arrival);
  const windowStart = addDays(arrivalDate, -policy.itineraryWindowDays);
  const list = facts.riskList;
  const listedIds = new Map((list?.areas ?? []).map((a) => [a.id, a] as const));
  const listedCounties = new Set((list?.areas ?? []).map((a) => a.countyCode));
  const confirmedCities = new Set([...(list?.confirmedCityCodes ?? []), ...(list?.areas ?? []).map((a) => a.cityCode)]);

  const found: Record<OriginCategory, string[]> = { A: [], B: [], C: [], none: [] };
  for (const stop of facts.itinerary) {
    if (stop.departDate < windowStart) continue;
    const county = countyOf(stop.townCode);
    const city = cityOf(county);
    const countyName = stop.countyName ?? county;
    const areas = (stop.riskAreaIds ?? []).map((id) => listedIds.get(id)).filter((a) => a && a.countyCode === county);
    if (areas.length) found.A.push(...areas.map((a) => `${countyName}${a!.area}`));
    else if (listedCounties.has(county)) found.B.push(countyName);
    else if (confirmedCities.has(city)) found.C.push(stop.cityName ?? city);
  }
  const category = ORDER.find((c) => c !== 'none' && found[c].length) ?? 'none';
  return { category, places: [...new Set(found[category])] };
}

function dateOf(rule: DateRule | undefined, arrivalDate: LocalDate, since: LocalDate): LocalDate | undefined {
  if (!rule) return undefined;
  return addDays(rule.from === 'arrival' ? arrivalDate : since, rule.days);
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

export function evaluate(policy: Policy, facts: Facts, now: Date): Decision {
  const today = localDate(now);
  const arrivalDate = localDate(facts.arrival);
  const days = daysBetween(arrivalDate, today);
  if (days < 0) throw new RangeError(`arrival ${arrivalDate} is after today ${today}`);
  const since = facts.since ?? today;
  const { category, places } = categorise(policy, facts);

  let code: CodeColor;
  let clause: string;
  let movementWindowEligible = false;
  let reason: string;
  let nextStep: string;
  let nextDate: LocalDate | undefined;

  const measureRule = facts.measure ? policy.measures.find((m) => m.measure === facts.measure) : undefined;
  if (facts.measure && !measureRule) throw new Error(`policy ${policy.id} has no rule for measure ${facts.measure}`);
  if (measureRule) {
    ({ code, clause } = measureRule);
    nextDate = dateOf(measureRule.nextStepDate, arrivalDate, since);
    reason = measureRule.reason;
    nextStep = measureRule.nextStep;
  } else {
    const rules = policy.assignment.filter(
      (r) => r.category === category && r.fromDay <= days && (r.toDay === null || days <= r.toDay),
    );
    if (rules.length !== 1) throw new Error(`policy ${policy.id}: ${rules.length} rules for ${category} day ${days}`);
    const rule = rules[0]!;
    ({ code, clause } = rule);
    movementWindowEligible = rule.movementWindow;
    nextDate = dateOf(rule.nextStepDate, arrivalDate, since);
    reason = rule.reason;
    nextStep = rule.nextStep;
  }

  const values = { places: places.join('、'), days, date: nextDate ? chineseDate(nextDate) : '' };
  return {
    code,
    clause,
    category,
    policyVersion: `${policy.id}@${policy.version}`,
    riskListDate: facts.riskList?.date ?? null,
    arrivalDate,
    daysSinceArrival: days,
    since,
    reason: fill(reason, values),
    nextStep: nextDate ? { text: fill(nextStep, values), date: nextDate } : { text: fill(nextStep, values) },
    movementWindowEligible,
    matchedPlaces: places,
  };
}
