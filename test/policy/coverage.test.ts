// The policy file is checked like code: it must give exactly one decision for every combination of
// facts (category × day × measure), and the checker must catch a policy that does not.
import { checkPolicy, evaluate, hechiPolicy, riskSnapshot, type Policy } from '../../domain/policy';
import type { Measure, OriginCategory } from '../../types/model';
import { addDays } from '../../domain/time';

const CATEGORY_STOPS: Record<OriginCategory, { townCode: string; riskAreaIds?: string[] }> = {
  A: { townCode: '220103002', riskAreaIds: ['kc-1'] },
  B: { townCode: '220103002', riskAreaIds: [] },
  C: { townCode: '220102001' },
  none: { townCode: '450103001' },
};
const riskList = riskSnapshot({
  date: '2022-04-15',
  areas: [{ id: 'kc-1', level: 'high' as const, countyCode: '220103', cityCode: '2201', area: '小南街社区' }],
  confirmedCityCodes: [],
});
const MEASURES: Array<Measure | null> = [null, 'centralized-isolation', 'home-medical-observation', 'home-health-monitoring'];
const clone = (): Policy => JSON.parse(JSON.stringify(hechiPolicy)) as Policy;

describe('policy coverage', () => {
  it('the Hechi policy file passes its checks', () => {
    expect(checkPolicy(hechiPolicy)).toEqual([]);
  });

  it('gives exactly one decision for every category, day 0–400 and measure', () => {
    const now = new Date('2022-04-16T04:00:00Z');
    let decisions = 0;
    for (const category of Object.keys(CATEGORY_STOPS) as OriginCategory[]) {
      for (let day = 0; day <= 400; day++) {
        const arrival = addDays('2022-04-16', -day);
        for (const measure of MEASURES) {
          const d = evaluate(
            hechiPolicy,
            { arrival, itinerary: [{ ...CATEGORY_STOPS[category], departDate: arrival }], riskList, measure },
            now,
          );
          expect(d.category).toBe(category);
          expect(d.daysSinceArrival).toBe(day);
          decisions++;
        }
      }
    }
    expect(decisions).toBe(4 * 401 * 4);
  });

  it('finds a gap in the days a category covers', () => {
    const p = clone();
    p.assignment.find((r) => r.clause === '一(一)2')!.fromDay = 23;
    expect(checkPolicy(p)).toContain('category A: days 22–22 not covered');
  });

  it('finds an overlap', () => {
    const p = clone();
    p.assignment.find((r) => r.clause === '一(二)1')!.toDay = 8;
    expect(checkPolicy(p).join('\n')).toMatch(/category B: 一\(二\)2 overlaps from day 8/);
  });

  it('finds a category with no end', () => {
    const p = clone();
    p.assignment = p.assignment.filter((r) => r.clause !== '一(三)1');
    expect(checkPolicy(p)).toContain('category C: days from 0 on not covered');
  });

  it('finds a missing measure and a missing conversion', () => {
    const p = clone();
    p.measures = p.measures.filter((m) => m.measure !== 'home-health-monitoring');
    p.conversions = p.conversions.filter((c) => c.clause !== '一(二)3');
    const problems = checkPolicy(p);
    expect(problems).toContain('measure home-health-monitoring: 0 rules, expected 1');
    expect(problems).toContain('conversion from yellow for category B: 0 rules, expected 1');
  });

  it('refuses a movement window on a red code and a malformed file', () => {
    const p = clone();
    p.assignment.find((r) => r.clause === '一(一)1')!.movementWindow = true;
    expect(checkPolicy(p)).toContain('一(一)1: movement window on a red code');
    expect(checkPolicy({ ...clone(), version: 'one' }).join()).toMatch(/schema: \/version/);
  });
});
