// Every decision the services make comes from the policy file, and the checker refuses a file that is
// broken in any rule family: coverage per area level, placeholders of every text, its own vectors.
import { checkPolicy, evaluate, explain, hechiPolicy, riskSnapshot, type Policy } from '../../domain/policy';
import { convertedDecision, correctedDecision } from '../../domain/policy/conversion';
import { ITINERARY_WINDOW_DAYS, MAX_ARRIVAL_AGE_DAYS } from '../../domain/validate/report';
import vectors from './vectors.json';

const clone = (): Policy => JSON.parse(JSON.stringify(hechiPolicy)) as Policy;
const riskList = riskSnapshot({
  date: '2022-04-15',
  areas: [
    { id: 'kc-1', level: 'high', countyCode: '220103', cityCode: '2201', area: '小南街社区' },
    { id: 'kc-2', level: 'high', kind: 'controlled', countyCode: '220103', cityCode: '2201', area: '团山街道' },
  ],
  confirmedCityCodes: ['4401'],
});

describe('the policy file carries its own vectors', () => {
  it('the Hechi file carries the spec’s golden vectors, and the checker runs them', () => {
    expect(hechiPolicy.vectors).toEqual({ riskList: vectors.riskList, assignment: vectors.assignment, conversion: vectors.conversion });
  });

  it('a policy whose vector fails is refused, naming the vector and the field', () => {
    const p = clone();
    p.vectors.assignment[0]!.expected.code = 'yellow';
    expect(checkPolicy(p)).toEqual([`vector "${p.vectors.assignment[0]!.name}": code is "red", expected "yellow"`]);
  });

  it('a changed period the vectors did not foresee is refused (day 21 would be yellow)', () => {
    const p = clone();
    p.assignment.find((r) => r.clause === '一(一)1')!.toDay = 20;
    p.assignment.find((r) => r.clause === '一(一)2')!.fromDay = 21;
    expect(checkPolicy(p).join('\n')).toMatch(/vector "A, day 21 is still 不足21天 \(含21天\): red": code is "yellow", expected "red"/);
  });

  it('a failing conversion vector is refused', () => {
    const p = clone();
    p.conversions.find((c) => c.clause === '一(一)1')!.due = { from: 'arrival', days: 10 };
    expect(checkPolicy(p).some((x) => x.startsWith('vector "') && x.includes('dueDate'))).toBe(true);
  });
});

describe('the checker covers every rule family', () => {
  it('an unknown placeholder in any text family is refused', () => {
    const p = clone();
    p.conversions[0]!.reason += '{days}';
    p.appeal.reason = '更正为{colour}';
    p.movementWindow.conditions[0] = '{hours}小时内返回';
    p.assignment[0]!.reason += '{place}';
    const problems = checkPolicy(p);
    expect(problems).toContain('conversion 一(一)1 red→yellow reason: unknown placeholder {days} (allowed: {clause} {from} {early})');
    expect(problems).toContain('appeal reason: unknown placeholder {colour} (allowed: {code} {reason})');
    expect(problems).toContain('movementWindow condition 1: unknown placeholder {hours}');
    expect(problems).toContain('一(一)1 reason: unknown placeholder {place} (allowed: {places} {days} {date})');
  });

  it('covers category A per area level once any rule names levels', () => {
    const p = clone();
    p.assignment.find((r) => r.clause === '一(一)1')!.levels = ['high'];
    const problems = checkPolicy(p);
    expect(problems).toContain('category A (medium): days 0–21 not covered');
    p.assignment.find((r) => r.clause === '一(二)1')!.levels = ['high'];
    expect(checkPolicy(p)).toContain('一(二)1: levels apply to category A only');
  });

  it('refuses a window on a converted green, a measure text without its date, and window hours upside down', () => {
    const p = clone();
    p.conversions.find((c) => c.to === 'green')!.movementWindow = true;
    delete p.measures.find((m) => m.measure === 'home-health-monitoring')!.nextStepDate;
    p.movementWindow.minHours = 30;
    const problems = checkPolicy(p);
    expect(problems).toContain('一(一)3: movement window on a green code');
    expect(problems).toContain('measure home-health-monitoring: {date} in nextStep and nextStepDate must go together');
    expect(problems.join('\n')).toMatch(/schema: \/movementWindow\/minHours|movementWindow: minHours after maxHours/);
  });

  it('the age limit the form uses is the built-in policy’s', () => {
    expect(MAX_ARRIVAL_AGE_DAYS).toBe(hechiPolicy.limits.reportAgeDays);
    expect(ITINERARY_WINDOW_DAYS).toBe(hechiPolicy.itineraryWindowDays);
  });
});

describe('the engine answers what the services ask', () => {
  it('explain: each stop with what it found; a stop left before the 14-day window does not count', () => {
    const found = explain(hechiPolicy, {
      arrival: '2022-04-16',
      itinerary: [
        { townCode: '220103002', departDate: '2022-04-01', riskAreaIds: ['kc-1'] },
        { townCode: '440106001', departDate: '2022-04-15' },
      ],
      riskList,
    });
    expect(found.windowStart).toBe('2022-04-02');
    expect(found.stops.map((s) => [s.counted, s.category, s.daysBeforeArrival])).toEqual([
      [false, 'none', 15],
      [true, 'C', 1],
    ]);
    expect(found.category).toBe('C');
    // evaluate agrees with explain
    expect(evaluate(hechiPolicy, { arrival: '2022-04-16', itinerary: found.stops, riskList }, new Date('2022-04-16T04:00:00Z')).category).toBe('C');
  });

  it('a controlled zone counts at the level the policy gives its kind', () => {
    const facts = { arrival: '2022-04-16', itinerary: [{ townCode: '220103002', departDate: '2022-04-16', riskAreaIds: ['kc-2'] }], riskList };
    expect(explain(hechiPolicy, facts).level).toBe('medium');
    const p = clone();
    p.zoneLevels.controlled = 'high';
    expect(explain(p, facts).level).toBe('high');
  });

  it('conversion and appeal texts come from the policy, naming the version in force', () => {
    const was = evaluate(hechiPolicy, { arrival: '2022-04-01', itinerary: [{ townCode: '220103002', departDate: '2022-04-01', riskAreaIds: ['kc-1'] }], riskList }, new Date('2022-04-16T04:00:00Z'));
    const p = clone();
    p.version = '1.1.0';
    p.conversions.find((c) => c.clause === '一(一)1')!.reason = '按{clause}由{from}转黄码{early}。';
    const d = convertedDecision(p, was, { code: 'red', category: 'A' }, new Date('2022-04-16T04:00:00Z'), '（提前）');
    expect(d).toMatchObject({ code: 'yellow', clause: '一(一)1', reason: '按一(一)1由红码转黄码（提前）。', policyVersion: 'hechi-2022-04-09@1.1.0', movementWindowEligible: false });
    expect(d.nextStep).toEqual({ text: expect.stringContaining('2022年4月23日') as unknown as string, date: '2022-04-23' });
    const c = correctedDecision(p, was, 'green', '行程有误', new Date('2022-04-16T04:00:00Z'));
    expect(c).toMatchObject({ code: 'green', clause: '三(四)', reason: '经申诉核查，原赋码有误，按通知三(四)更正为绿码：行程有误', nextStep: { text: hechiPolicy.appeal.nextStep.green } });
  });
});
