// 限时流动 through the local host: who may apply, once per yellow, the window's life and bad input.
import { startTestHost, type TestHost } from '../support/local-host';
import { fileFor, idNumber, type Path } from '../support/residents';
import { evaluate, hechiPolicy } from '../../domain/policy';
import { changeCode } from '../../domain/services/code-change';
import type { ServiceContext } from '../../domain/services/context';
import { divisions } from '../../domain/divisions';

let host: TestHost;
let resident: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterEach(() => host.close());

const apply = (body: Record<string, unknown> = {}, cookie = resident) =>
  host.call('movement', { action: 'apply', hours: 8, from: '河池站', to: '金城江区城北路12号', ...body }, cookie);
const mine = async (cookie = resident) => (await host.call('code', { action: 'mine' }, cookie)).json.data;
const later = (ms: number) => (host.clock.now = new Date(host.clock.now.getTime() + ms));
const windows = () => host.store.count('movementWindows');

describe('eligibility, for every code path', () => {
  const cases: Array<[Path, string, boolean]> = [
    ['yellow-A', '一(一)2', true],
    ['yellow-B', '一(二)2', true],
    ['yellow-C', '一(三)1', true],
    ['red-A', '一(一)1', false],
    ['red-B', '一(二)1', false],
    ['green', '一', false],
  ];
  it.each(cases)('%s (%s): may apply = %s', async (path, clause, may) => {
    const report = await fileFor(host, resident, path);
    expect(report.decision.clause).toBe(clause);
    expect((await mine()).movementWindowAvailable).toBe(may);
    const res = await apply();
    if (may) {
      expect(res.status).toBe(200);
      expect(res.json.data.window).toMatchObject({ hours: 8, from: '河池站', to: '金城江区城北路12号', remainingSeconds: 8 * 3600 });
      expect(Date.parse(res.json.data.window.endAt) - Date.parse(res.json.data.window.startAt)).toBe(8 * 3_600_000);
    } else {
      expect(res.status).toBe(409);
      expect(res.json.error.message).toMatch(report.decision.code === 'red' ? /红码人员禁止出行/ : /绿码人员出行不受限制/);
      expect(await windows()).toBe(0);
    }
  });

  function ctxAt(now: Date): ServiceContext {
    return { store: host.store, files: null as never, now, identity: null, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(32) };
  }

  it('a yellow reached by conversion from red does not qualify', async () => {
    const red = await fileFor(host, resident, 'red-B');
    const account = await host.store.get('accounts', 'demo-arrival');
    const personId = account!.selfPersonId!;
    // The area administrator converts red → yellow (一(二)1): the conversion's yellow carries no window.
    await changeCode(ctxAt(host.clock.now), {
      personId,
      accountId: 'demo-arrival',
      decision: { ...red.decision, code: 'yellow', movementWindowEligible: false, reason: '进入后期7天健康监测阶段' },
      source: 'conversion',
      eventId: 'e_conversion_1',
      reportId: red.id,
    });
    expect((await mine()).decision.code).toBe('yellow');
    expect((await mine()).movementWindowAvailable).toBe(false);
    const res = await apply();
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('由红码转为的黄码');
    expect(await windows()).toBe(0);
  });

  it('a yellow given for home health monitoring (二(三)) does not qualify', async () => {
    const green = await fileFor(host, resident, 'green');
    const personId = (await host.store.get('accounts', 'demo-arrival'))!.selfPersonId!;
    const decision = evaluate(hechiPolicy, { arrival: green.arrivalDate, itinerary: [], riskList: null, measure: 'home-health-monitoring' }, host.clock.now);
    expect(decision).toMatchObject({ code: 'yellow', movementWindowEligible: false });
    await changeCode(ctxAt(host.clock.now), { personId, accountId: 'demo-arrival', decision, source: 'measure', eventId: 'e_measure_1', reportId: green.id });
    expect((await apply()).status).toBe(409);
  });

  it('no report yet: refused, nothing written', async () => {
    const res = await apply();
    expect(res.status).toBe(409);
    expect(res.json.error.message).toContain('一键直报');
    expect(await windows()).toBe(0);
  });
});

describe('once per yellow, ever', () => {
  it('a second application is refused, also after the first expired or was cancelled, and after a new report that keeps the yellow', async () => {
    await fileFor(host, resident, 'yellow-C');
    expect((await apply({ hours: 2 })).status).toBe(200);
    const again = await apply();
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('只有一次申请限时流动的机会');

    later(3 * 3_600_000); // expired
    expect((await apply()).status).toBe(409);
    // A new report that gives the same yellow again is the same yellow: no new chance.
    await fileFor(host, resident, 'yellow-C');
    expect((await apply()).status).toBe(409);
    expect((await mine()).movementWindowAvailable).toBe(false);
    expect(await windows()).toBe(1);
  });

  it('cancelled still counts', async () => {
    await fileFor(host, resident, 'yellow-B');
    expect((await apply()).status).toBe(200);
    const cancel = await host.call('movement', { action: 'cancel', requestId: 'cancel-req-1' }, resident);
    expect(cancel.status).toBe(200);
    expect(cancel.json.data.window.cancelledAt).toBe(host.clock.now.toISOString());
    expect((await mine()).movementWindow).toBeNull();
    expect((await apply()).status).toBe(409);
    // A later, different cancel with nothing open: there is nothing to cancel.
    const other = await host.call('movement', { action: 'cancel', requestId: 'cancel-req-2' }, resident);
    expect([other.status, other.json.error.message]).toEqual([404, '您没有正在进行的限时流动']);
  });

  it('a retried cancel (same request, its answer lost) gets the first answer again and writes nothing', async () => {
    await fileFor(host, resident, 'yellow-B');
    expect((await apply()).status).toBe(200);
    const first = await host.call('movement', { action: 'cancel', requestId: 'cancel-retry-1' }, resident);
    expect(first.status).toBe(200);
    const [stored] = await host.store.find('movementWindows', {});
    later(60_000);
    const retry = await host.call('movement', { action: 'cancel', requestId: 'cancel-retry-1' }, resident);
    expect([retry.status, retry.json]).toEqual([200, first.json]);
    expect(await host.store.find('movementWindows', {})).toEqual([stored]);
  });

  it('a cancel without its request id is refused, naming the field, and cancels nothing', async () => {
    await fileFor(host, resident, 'yellow-B');
    expect((await apply()).status).toBe(200);
    const res = await host.call('movement', { action: 'cancel' }, resident);
    expect([res.status, res.json.error.field]).toEqual([400, 'requestId']);
    expect(res.json.error.message).toContain('请求编号');
    expect((await mine()).movementWindow).not.toBeNull();
  });

  it('50 concurrent applications grant exactly one', async () => {
    await fileFor(host, resident, 'yellow-C');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => apply({ hours: 1 + (i % 24) })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(49);
    expect(await windows()).toBe(1);
  });

  it('a new yellow after a green is a new chance', async () => {
    await fileFor(host, resident, 'yellow-C');
    expect((await apply()).status).toBe(200);
    const personId = (await host.store.get('accounts', 'demo-arrival'))!.selfPersonId!;
    const code = await host.store.get('codes', personId);
    const ctx = { store: host.store, files: null as never, now: host.clock.now, identity: null, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(32) };
    await changeCode(ctx, { personId, accountId: 'demo-arrival', decision: { ...code!.decision, code: 'green', movementWindowEligible: false }, source: 'conversion', eventId: 'e_green', reportId: code!.reportId });
    later(2 * 86_400_000);
    await fileFor(host, resident, 'yellow-C');
    expect((await mine()).movementWindowAvailable).toBe(true);
    expect((await apply()).status).toBe(200);
    expect(await windows()).toBe(2);
  });
});

describe('the window on the code page', () => {
  it('shows while open with its end, time left and the conditions; ends by itself at the end time', async () => {
    await fileFor(host, resident, 'yellow-B');
    const { window } = (await apply({ hours: 8 })).json.data;
    let code = await mine();
    expect(code.decision.code).toBe('yellow');
    expect(code.movementWindow).toMatchObject({ id: window.id, endAt: window.endAt, remainingSeconds: 8 * 3600 });
    expect(code.movementWindow.conditions.join('')).toMatch(/人员密集场所.*口罩.*返回住地/);

    later(8 * 3_600_000 - 1000);
    code = await mine();
    expect(code.movementWindow.remainingSeconds).toBe(1);
    later(1000);
    code = await mine();
    expect(code.movementWindow).toBeNull();
    expect(code.decision.code).toBe('yellow');
    expect(code.movementWindowAvailable).toBe(false);
  });

  it('is in the person\'s history', async () => {
    await fileFor(host, resident, 'yellow-C');
    later(60_000);
    await apply({ hours: 3 });
    const { entries } = (await host.call('code', { action: 'history' }, resident)).json.data;
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(['movement', 'code']);
    expect(entries[0]).toMatchObject({ title: '限时流动 3 小时' });
    expect(entries[0].detail).toContain('河池站 → 金城江区城北路12号');
  });

  it('openWindowOf gives a checkpoint the open window', async () => {
    const { openWindowOf } = await import('../../domain/services/movement');
    await fileFor(host, resident, 'yellow-C');
    const personId = (await host.store.get('accounts', 'demo-arrival'))!.selfPersonId!;
    const ctx = (now: Date) => ({ store: host.store, files: null as never, now, identity: null, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(32) });
    expect(await openWindowOf(ctx(host.clock.now), personId)).toBeNull();
    await apply({ hours: 1 });
    expect(await openWindowOf(ctx(host.clock.now), personId)).toMatchObject({ hours: 1 });
    expect(await openWindowOf(ctx(new Date(host.clock.now.getTime() + 3_600_000)), personId)).toBeNull();
  });
});

describe('bad input: a clear error in Chinese, nothing written', () => {
  beforeEach(() => fileFor(host, resident, 'yellow-C'));
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['0 hours', { hours: 0 }, 'hours', /限时流动时长（小时）」不能小于1/],
    ['25 hours', { hours: 25 }, 'hours', /不能大于24/],
    ['1.5 hours', { hours: 1.5 }, 'hours', /应为整数/],
    ['"8" as text', { hours: '8' }, 'hours', /应为整数/],
    ['from missing', { from: undefined }, 'from', /缺少「出发地（抵河地）」/],
    ['to missing', { to: undefined }, 'to', /缺少「目的地（住地）」/],
    ['to blank', { to: '   ' }, 'to', /请填写目的地/],
  ];
  it.each(cases)('%s', async (_name, body, field, message) => {
    const res = await apply(body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'BAD_INPUT', field });
    expect(res.json.error.message).toMatch(message);
    expect(await windows()).toBe(0);
    expect((await mine()).movementWindowAvailable).toBe(true);
  });
});

it('idNumber helper stays valid', () => expect(idNumber()).toHaveLength(18));
