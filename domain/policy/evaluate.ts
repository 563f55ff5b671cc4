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

/**
 * A published list as the engine reads it: lookups prepared once per list version (./snapshot.ts),
 * so an evaluation costs in proportion to the stops of the itinerary, not the areas of the list.
 * `areas` need only hold the counties the facts' stops are in (a report loads just those).
 */
export interface RiskListSnapshot {
  date: LocalDate;
  /** Counties with at least one listed area. */
  listedCounties: ReadonlySet<string>;
  /** Cities with confirmed local cases: named as such, or with a listed area. */
  caseCities: ReadonlySet<string>;
  /** Listed areas by county and id, for (at least) the counties of the stops evaluated. */
  areas: ReadonlyMap<string, ReadonlyMap<string, RiskListArea>>;
}

/** A list written out as plain data (test vectors, seeds, small lists). */
export interface RiskListData {
  date: LocalDate;
  areas: RiskListArea[];
  confirmedCityCodes: string[];
}

/** Prepares the lookups of a list given whole. */
export function riskSnapshot(list: RiskListData): RiskListSnapshot {
  const areas = new Map<string, Map<string, RiskListArea>>();
  for (const a of list.areas) {
    let county = areas.get(a.countyCode);
    if (!county) areas.set(a.countyCode, (county = new Map()));
    county.set(a.id, a);
  }
  return {
    date: list.date,
    listedCounties: new Set(areas.keys()),
    caseCities: new Set([...list.confirmedCityCodes, ...list.areas.map((a) => a.cityCode)]),
    areas,
  };
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

  const found: Record<OriginCategory, string[]> = { A: [], B: [], C: [], none: [] };
  for (const stop of facts.itinerary) {
    if (stop.departDate < windowStart || !list) continue;
    const county = countyOf(stop.townCode);
    const countyName = stop.countyName ?? county;
    const listed = list.listedCounties.has(county);
    const ids = stop.riskAreaIds ?? [];
    if (listed && ids.length) {
      const areas = list.areas.get(county);
      // A listed county whose areas were not loaded would silently lose category A: refuse instead.
      if (!areas) throw new Error(`risk list ${list.date}: areas of county ${county} were not loaded`);
      const hit = ids.map((id) => areas.get(id)).filter((a): a is RiskListArea => !!a);
      if (hit.length) {
        found.A.push(...hit.map((a) => `${countyName}${a.area}`));
        continue;
      }
    }
    if (listed) found.B.push(countyName);
    else if (list.caseCities.has(cityOf(county))) found.C.push(stop.cityName ?? cityOf(county));
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
