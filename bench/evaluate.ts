// The engine's cost against the list's size: evaluate() with the Hechi policy on the same 1,000
// facts against real lists cut to 285, 2,900 and 42,000 areas, beside a hand-written evaluator of the
// same rules on the same facts and the same prepared list, in one run. The engine is data-driven
// (rules, templates, clause texts); the goal is at least 10% of the hand-written speed at every size.
import { cityOf, countyOf } from '../domain/divisions/codes';
import { evaluate, hechiPolicy, riskSnapshot, type Facts, type RiskListArea, type RiskListSnapshot } from '../domain/policy';
import { addDays, daysBetween, localDate } from '../domain/time';
import { resolvedAreas } from './risk-days';

/** Every area of the real lists of 2022-11-15, 11-25 and 12-01, resolved by the rules (about 42,000 distinct). */
const realAreas = (): Promise<RiskListArea[]> => resolvedAreas(['2022120108-adcf8b76.json', '2022112508-e38d1737.json', '2022111507-82cfdb31.json']);

/** The Hechi rules written by hand: categories A/B/C by the 14-day window, then the day thresholds. */
function handWritten(facts: Facts, now: Date) {
  const arrival = localDate(facts.arrival);
  const today = localDate(now);
  const days = daysBetween(arrival, today);
  const windowStart = addDays(arrival, -14);
  const list = facts.riskList!;
  let category: 'A' | 'B' | 'C' | 'none' = 'none';
  const places: string[] = [];
  for (const stop of facts.itinerary) {
    if (stop.departDate < windowStart) continue;
    const county = countyOf(stop.townCode);
    if (list.listedCounties.has(county)) {
      const areas = list.areas.get(county)!;
      const hit = (stop.riskAreaIds ?? []).map((id) => areas.get(id)).filter(Boolean);
      if (hit.length) {
        if (category !== 'A') places.length = 0;
        category = 'A';
        places.push(...hit.map((a) => `${stop.countyName ?? county}${a!.area}`));
      } else if (category !== 'A') {
        if (category !== 'B') places.length = 0;
        category = 'B';
        places.push(stop.countyName ?? county);
      }
    } else if (list.caseCities.has(cityOf(county)) && (category === 'C' || category === 'none')) {
      category = 'C';
      places.push(stop.cityName ?? cityOf(county));
    }
  }
  const red = category === 'A' ? days <= 21 : category === 'B' ? days <= 7 : false;
  const code = category === 'none' ? 'green' : red ? 'red' : 'yellow';
  const clause = category === 'none' ? '一' : `一(${{ A: '一', B: '二', C: '三' }[category]})${category === 'C' || !red ? (category === 'C' ? 1 : 2) : 1}`;
  const nextDate = category === 'A' && red ? addDays(arrival, 14) : category === 'B' && red ? addDays(arrival, 7) : category === 'none' ? undefined : addDays(today, 7);
  return { code, clause, category, days, nextDate, reason: `${places.join('、')}第${days}天` };
}

function mixedFacts(list: RiskListSnapshot, areas: RiskListArea[]): Facts[] {
  const listed = [...list.listedCounties];
  const now = '2022-12-01';
  return Array.from({ length: 1000 }, (_, i) => {
    const arrival = addDays(now, -(i % 40));
    const county = listed[(i * 7919) % listed.length]!;
    const inCounty = [...list.areas.get(county)!.values()];
    const stops = [
      // A listed area ticked, its county without one, a county of a case city, a quiet one.
      { townCode: `${county}001`, riskAreaIds: [inCounty[i % inCounty.length]!.id] },
      { townCode: `${county}001`, riskAreaIds: [] as string[] },
      { townCode: `${areas[(i * 31) % areas.length]!.cityCode.padEnd(4, '0')}99001` },
      { townCode: '450103001' },
    ];
    return { arrival, itinerary: [{ ...stops[i % 4]!, departDate: arrival }, { ...stops[(i + 1) % 4]!, departDate: arrival }], riskList: list };
  });
}

function perSecond(run: () => void, n: number): number {
  for (let i = 0; i < 3; i++) run();
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 1500) {
    run();
    count += n;
    elapsed = performance.now() - started;
  }
  return count / (elapsed / 1000);
}

export interface EvaluateBench {
  areas: number;
  engine: number;
  hand: number;
  agree: boolean;
}

export async function evaluateBench(): Promise<EvaluateBench[]> {
  const all = await realAreas();
  const now = new Date('2022-12-01T04:00:00Z');
  const out: EvaluateBench[] = [];
  for (const size of [285, 2_900, 42_000]) {
    const areas = all.slice(0, size);
    const list = riskSnapshot({ date: '2022-12-01', areas, confirmedCityCodes: ['4401'] });
    const facts = mixedFacts(list, areas);
    // Both evaluators must agree on every fact, or the comparison means nothing.
    const agree = facts.every((f) => {
      const e = evaluate(hechiPolicy, f, now);
      const h = handWritten(f, now);
      return e.code === h.code && e.category === h.category && e.clause === h.clause && (e.nextStep.date ?? undefined) === h.nextDate;
    });
    const engine = perSecond(() => {
      for (const f of facts) evaluate(hechiPolicy, f, now);
    }, facts.length);
    const hand = perSecond(() => {
      for (const f of facts) handWritten(f, now);
    }, facts.length);
    out.push({ areas: areas.length, engine, hand, agree });
  }
  return out;
}

export function evaluateLines(rows: EvaluateBench[]): string[] {
  return rows.map(
    (r) =>
      `policy engine at ${r.areas.toLocaleString('en')} areas (real lists of Nov/Dec 2022): evaluate() ${r.engine.toFixed(0)}/s, hand-written ${r.hand.toFixed(0)}/s on the same 1,000 facts ` +
      `→ ${((r.engine / r.hand) * 100).toFixed(1)}% (goal ≥ 10%)${r.agree ? '' : ' — DECISIONS DIFFER'}`,
  );
}

if (process.argv[1]?.endsWith('evaluate.ts')) {
  evaluateBench()
    .then((rows) => console.log(evaluateLines(rows).join('\n')))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
