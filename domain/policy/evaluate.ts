// The policy engine: a pure function of the policy, the facts and the clock (CertLogic style).
// It never reads the time itself and never touches storage.
import type { CodeColor, Decision, LocalDate, Measure, OriginCategory, RiskAreaKind, RiskLevel } from '../../types/model';
import { addDays, chineseDate, daysBetween, localDate } from '../time';
import { cityOf, countyOf } from '../divisions/codes';
import type { DateRule, Policy } from './types';

export interface RiskListArea {
  id: string;
  level: RiskLevel;
  /** As designated (sealed/controlled zones): the policy's zoneLevels decide its level when present. */
  kind?: RiskAreaKind;
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
  /** Category A: the strictest level of the listed areas visited; null otherwise. */
  level: RiskLevel | null;
  places: string[];
}

/** What the engine found at one stop of the itinerary. */
export interface StopFinding {
  townCode: string;
  departDate: LocalDate;
  /** Days between leaving the stop and arriving (0: left on the arrival day). */
  daysBeforeArrival: number;
  /** false: left before the itinerary window, so it does not count (nor does anything else here). */
  counted: boolean;
  /** The category this stop alone gives; 'none' for an uncounted stop. */
  category: OriginCategory;
  /** Category A: the strictest level among the listed areas visited. */
  level: RiskLevel | null;
  /** The listed areas visited (category A). */
  areas: RiskListArea[];
  /** How many areas the stop's county has on the list. */
  countyAreas: number;
  place: string;
}

export interface Explanation extends Categorisation {
  windowStart: LocalDate;
  itineraryWindowDays: number;
  riskListDate: LocalDate | null;
  stops: StopFinding[];
}

const levelOf = (policy: Policy, a: RiskListArea): RiskLevel => (a.kind ? policy.zoneLevels[a.kind] : a.level);

function findingAt(policy: Policy, list: RiskListSnapshot | null, stop: FactsStop, windowStart: LocalDate, arrivalDate: LocalDate): StopFinding {
  const county = countyOf(stop.townCode);
  const counted = stop.departDate >= windowStart;
  let category: OriginCategory = 'none';
  let level: RiskLevel | null = null;
  let areas: RiskListArea[] = [];
  let countyAreas = 0;
  let place: string | undefined;
  if (counted && list) {
    const listed = list.listedCounties.has(county);
    const ids = stop.riskAreaIds ?? [];
    const loaded = listed ? list.areas.get(county) : undefined;
    // A listed county whose areas were not loaded would silently lose category A: refuse instead.
    if (listed && ids.length && !loaded) throw new Error(`risk list ${list.date}: areas of county ${county} were not loaded`);
    countyAreas = loaded?.size ?? 0;
    if (listed) {
      for (const id of ids) {
        const a = loaded!.get(id);
        if (a) areas.push(a);
      }
      category = areas.length ? 'A' : 'B';
      if (areas.length) level = areas.some((a) => levelOf(policy, a) === 'high') ? 'high' : 'medium';
      place = stop.countyName ?? county;
    } else if (list.caseCities.has(cityOf(county))) category = 'C';
  }
  if (category !== 'A') areas = [];
  // Same shape for every stop (one hidden class: this runs for every report a job re-codes).
  return {
    townCode: stop.townCode,
    departDate: stop.departDate,
    daysBeforeArrival: daysBetween(stop.departDate, arrivalDate),
    counted,
    category,
    level,
    areas,
    countyAreas,
    place: place ?? stop.cityName ?? cityOf(county),
  };
}

/**
 * The engine's reading of an itinerary, stop by stop (the staff risk check shows it): which stops count
 * (the itinerary window), what each found on the list, and the strictest category over them.
 */
export function explain(policy: Policy, facts: Facts): Explanation {
  const arrivalDate = localDate(facts.arrival);
  const windowStart = addDays(arrivalDate, -policy.itineraryWindowDays);
  const stops = facts.itinerary.map((stop) => findingAt(policy, facts.riskList, stop, windowStart, arrivalDate));
  const category = ORDER.find((c) => c !== 'none' && stops.some((s) => s.category === c)) ?? 'none';
  const hits = stops.filter((s) => s.category === category && category !== 'none');
  const level = category === 'A' ? (hits.some((s) => s.level === 'high') ? 'high' : 'medium') : null;
  const places = category === 'A' ? hits.flatMap((s) => s.areas.map((a) => `${s.place}${a.area}`)) : hits.map((s) => s.place);
  return { category, level, places: [...new Set(places)], windowStart, itineraryWindowDays: policy.itineraryWindowDays, riskListDate: facts.riskList?.date ?? null, stops };
}

/** The strictest origin category over the stops that fall in the itinerary window. */
export function categorise(policy: Policy, facts: Facts): Categorisation {
  const { category, level, places } = explain(policy, facts);
  return { category, level, places };
}

function dateOf(rule: DateRule | undefined, arrivalDate: LocalDate, since: LocalDate): LocalDate | undefined {
  if (!rule) return undefined;
  return addDays(rule.from === 'arrival' ? arrivalDate : since, rule.days);
}

/** Fills a text's {placeholders}; the checker makes sure a text uses only those its family fills. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`));
}

/** How a decision names the policy version that made it. */
export const versionOf = (policy: Pick<Policy, 'id' | 'version'>): string => `${policy.id}@${policy.version}`;

export function evaluate(policy: Policy, facts: Facts, now: Date): Decision {
  const today = localDate(now);
  const arrivalDate = localDate(facts.arrival);
  const days = daysBetween(arrivalDate, today);
  if (days < 0) throw new RangeError(`arrival ${arrivalDate} is after today ${today}`);
  const since = facts.since ?? today;
  const { category, level, places } = categorise(policy, facts);

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
      (r) =>
        r.category === category &&
        (!r.levels || (level !== null && r.levels.includes(level))) &&
        r.fromDay <= days &&
        (r.toDay === null || days <= r.toDay),
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
    policyVersion: versionOf(policy),
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
