// The engine's decision does not depend on the size of the list, only on the counties the stops are
// in: the same facts give the same decision against a list holding just those counties and against
// the 42,000-area list they are part of (the real lists of 2022-11-15/25 and 12-01, resolved).
import { resolvedAreas } from '../../bench/risk-days';
import { countyOf } from '../../domain/divisions/codes';
import { evaluate, hechiPolicy, riskSnapshot, type Facts } from '../../domain/policy';


const bigList = () => resolvedAreas(['2022120108-adcf8b76.json', '2022112508-e38d1737.json', '2022111507-82cfdb31.json']);

it('gives the same decision against the counties it needs and against the whole 42,000-area list', async () => {
  const areas = await bigList();
  expect(areas.length).toBeGreaterThan(42_000);
  const big = riskSnapshot({ date: '2022-12-01', areas, confirmedCityCodes: ['4401'] });
  const counties = [...big.listedCounties];
  const now = new Date('2022-12-01T04:00:00Z');
  let compared = 0;
  for (let i = 0; i < 400; i++) {
    const county = counties[(i * 7919) % counties.length]!;
    const inCounty = [...big.areas.get(county)!.values()];
    const arrival = `2022-11-${String(1 + (i % 30)).padStart(2, '0')}`;
    const quiet = '450103'; // 南宁市青秀区, listed or not
    const stops = [
      { townCode: `${county}001`, departDate: arrival, riskAreaIds: i % 2 ? [inCounty[i % inCounty.length]!.id] : [] },
      { townCode: `${quiet}001`, departDate: arrival },
    ];
    const facts: Facts = { arrival, itinerary: stops, riskList: big };
    const needed = new Set(stops.map((s) => countyOf(s.townCode)));
    const small = riskSnapshot({
      date: '2022-12-01',
      areas: areas.filter((a) => needed.has(a.countyCode)),
      confirmedCityCodes: ['4401'],
    });
    // The small list only lacks counties the facts never visit; the case cities are the big list's.
    const smallWithCities = { ...small, listedCounties: big.listedCounties, caseCities: big.caseCities };
    expect(evaluate(hechiPolicy, { ...facts, riskList: smallWithCities }, now)).toEqual(evaluate(hechiPolicy, facts, now));
    compared++;
  }
  expect(compared).toBe(400);
});
