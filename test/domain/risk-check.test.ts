// The staff risk check (社区 二(三)) is the engine's reading of the itinerary: a stop left before the
// 14-day window is shown as not counted and does not make the summary, as it does not make the code.
import { divisions } from '../../domain/divisions';
import { evaluate, hechiPolicy, riskSnapshot } from '../../domain/policy';
import { riskCheckOf } from '../../domain/services/arrivals';
import type { ServiceContext } from '../../domain/services/context';
import type { VersionSnapshot } from '../../domain/services/risk-list';

const list = riskSnapshot({
  date: '2022-04-15',
  areas: [{ id: 'kc-1', level: 'high', countyCode: '220103', cityCode: '2201', area: '团山街道小南街社区' }],
  confirmedCityCodes: [],
}) as unknown as VersionSnapshot;
const ctx = { policy: hechiPolicy, divisions: divisions() } as unknown as ServiceContext;

describe('staff risk check and the engine agree', () => {
  it('a high-risk stop left 15 days before arrival: not counted by either', () => {
    const itinerary = [
      { townCode: '220103002', departDate: '2022-04-01', riskAreaIds: ['kc-1'] },
      { townCode: '450103001', departDate: '2022-04-15' },
    ];
    const check = riskCheckOf(ctx, itinerary, '2022-04-16', list);
    expect(check.level).toBe('none');
    expect(check.stops[0]!.finding).toContain('不计入行程');
    expect(check.stops[0]!.finding).toContain('抵河前15天');
    expect(evaluate(hechiPolicy, { arrival: '2022-04-16', itinerary, riskList: list }, new Date('2022-04-16T04:00:00Z')).code).toBe('green');
  });

  it('the same stop left 14 days before arrival counts for both: high, red', () => {
    const itinerary = [{ townCode: '220103002', departDate: '2022-04-02', riskAreaIds: ['kc-1'] }];
    const check = riskCheckOf(ctx, itinerary, '2022-04-16', list);
    expect(check.level).toBe('high');
    expect(check.stops[0]!.finding).toContain('团山街道小南街社区（高风险）仍在名单中');
    expect(evaluate(hechiPolicy, { arrival: '2022-04-16', itinerary, riskList: list }, new Date('2022-04-16T04:00:00Z')).code).toBe('red');
  });
});
