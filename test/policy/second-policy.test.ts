// A second, differently shaped policy (a TEST FIXTURE, not a real policy: test/policy/fixtures): high
// and medium areas with different periods, a 7-day itinerary window, no code for a confirmed-case city,
// a movement window only on request for medical reasons. The same engine and checker take it whole.
import fixture from './fixtures/two-levels.fixture.json';
import { checkPolicy, evaluate, hechiPolicy, loadPolicy, riskSnapshot, type Policy } from '../../domain/policy';
import { policyChanges } from '../../domain/services/policy-versions';
import { addDays } from '../../domain/time';

const policy = loadPolicy(fixture);
const clone = (): Policy => JSON.parse(JSON.stringify(fixture)) as Policy;
const riskList = riskSnapshot(policy.vectors.riskList);

it('is marked as a test fixture and passes every check, its own vectors included', () => {
  expect(policy.title).toContain('测试夹具');
  expect(checkPolicy(fixture)).toEqual([]);
});

it('gives exactly one decision per category, area level and day 0–200', () => {
  const stops = {
    high: { townCode: '220103002', riskAreaIds: ['kc-1'] },
    medium: { townCode: '220103002', riskAreaIds: ['kc-2'] },
    B: { townCode: '220103002', riskAreaIds: [] },
    C: { townCode: '220102001' },
    none: { townCode: '450103001' },
  };
  const now = new Date('2022-04-22T04:00:00Z');
  const seen = new Set<string>();
  for (const [kind, stop] of Object.entries(stops)) {
    for (let day = 0; day <= 200; day++) {
      const arrival = addDays('2022-04-22', -day);
      const d = evaluate(policy, { arrival, itinerary: [{ ...stop, departDate: arrival }], riskList }, now);
      seen.add(`${kind}:${d.clause}`);
    }
  }
  expect([...seen].sort()).toEqual(['B:试4', 'B:试5', 'C:试6', 'high:试1', 'high:试2', 'medium:试3', 'none:试7']);
});

it('the checker refuses a broken fixture of each kind', () => {
  const gap = clone();
  gap.assignment = gap.assignment.filter((r) => r.clause !== '试3');
  expect(checkPolicy(gap)).toContain('category A (medium): days from 0 on not covered');
  const overlap = clone();
  overlap.assignment.find((r) => r.clause === '试2')!.fromDay = 7;
  expect(checkPolicy(overlap)).toContain('category A (high): 试2 overlaps from day 7');
  const text = clone();
  text.movementWindow.notEligible = '仅限{reason}';
  expect(checkPolicy(text)).toContain('movementWindow notEligible: unknown placeholder {reason}');
  const vector = clone();
  vector.itineraryWindowDays = 14;
  expect(checkPolicy(vector)).toContain('vector "high area left 8 days before arrival: outside the 7-day window, green": code is "red", expected "green"');
});

it('says in words what switching from the Hechi policy changes', () => {
  const changes = policyChanges(hechiPolicy, policy);
  expect(changes).toEqual(
    expect.arrayContaining([
      '新增定码规则 试1：A类（高风险）红码，抵河第0—7天',
      '新增定码规则 试3：A类（中风险）黄码，抵河第0天起',
      '定码规则 一(二)1 改称 试4',
      '计入行程的天数：抵河前14天 → 7天',
      '健康监测天数：7天 → 3天',
      '限时流动：1—24小时 → 1—12小时，仅限就医申请',
      '管控区按高风险区计（原按中风险区）',
      '可报备的抵河日期：60天内 → 30天内',
    ]),
  );
  expect(changes.some((c) => c.startsWith('取消定码规则 一(一)1'))).toBe(true);
  expect(policyChanges(hechiPolicy, hechiPolicy)).toEqual([]);
});
