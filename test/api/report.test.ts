// The one-click report through the local host's HTTP interface, as the app calls it.
import { startTestHost, type TestHost } from '../support/local-host';
import { PLACES, idNumber, reportInput } from '../support/reports';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
let arrival: string;
let resident: string;

beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
  arrival = addDays(localDate(host.clock.now), -3);
});
afterEach(() => host.close());

async function kuanchengAreaIds(): Promise<string[]> {
  const res = await host.call('division', { action: 'riskAreas', countyCode: '220103' }, resident);
  expect(res.status).toBe(200);
  expect(res.json.data.listDate).toBe('2022-04-15');
  return res.json.data.areas.map((a: { id: string }) => a.id);
}

describe('one-click report: happy path', () => {
  it('codes an arrival from a listed area red (一(一)1) and shows it on the code page', async () => {
    const [areaId] = await kuanchengAreaIds();
    const input = reportInput(host.clock.now, {
      itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [areaId] }],
    });
    const res = await host.call('report', input, resident);
    expect(res.status).toBe(200);
    expect(res.json.ok).toBe(true);
    const { report, duplicate } = res.json.data;
    expect(duplicate).toBe(false);
    expect(report.decision).toMatchObject({ code: 'red', clause: '一(一)1', category: 'A', daysSinceArrival: 3, riskListDate: '2022-04-15' });
    expect(report.decision.reason).toContain('吉林省长春市宽城区');
    expect(report.itinerary[0].place).toBe('吉林省长春市宽城区站前街道');

    const code = await host.call('code', { action: 'mine' }, resident);
    expect(code.status).toBe(200);
    expect(code.json.data.decision).toMatchObject({ code: 'red', clause: '一(一)1' });
    expect(code.json.data.person).toEqual({ name: '王小明', idNumberMasked: '450702********1236'.slice(0, 14) + idNumber().slice(14) });
    // The token only (the app draws its QR): no image in the answer.
    expect(code.json.data.qr).toEqual({ token: expect.stringMatching(/^hk1\./), expiresAt: expect.any(String) });
    expect(code.json.data.qr.token).not.toContain(idNumber());
    expect(new Date(code.json.data.qr.expiresAt).getTime()).toBeGreaterThan(host.clock.now.getTime());

    const list = await host.call('report', { action: 'list' }, resident);
    expect(list.json.data.reports).toHaveLength(1);
    expect(list.json.data.reports[0]).toMatchObject({ code: 'red', clause: '一(一)1', origin: '吉林省长春市宽城区站前街道' });
  });

  it('a county with listed areas requires a pick, and "none of these" gives B', async () => {
    const missing = await host.call(
      'report',
      reportInput(host.clock.now, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival }] }),
      resident,
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error.field).toBe('itinerary.0.riskAreaIds');
    const none = await host.call(
      'report',
      reportInput(host.clock.now, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [] }] }),
      resident,
    );
    expect(none.json.data.report.decision).toMatchObject({ code: 'red', clause: '一(二)1', category: 'B' });
  });

  it('a retried submission with the same request id is stored once', async () => {
    const input = reportInput(host.clock.now);
    const first = await host.call('report', input, resident);
    const again = await host.call('report', input, resident);
    expect(again.status).toBe(200);
    expect(again.json.data.duplicate).toBe(true);
    expect(again.json.data.report.id).toBe(first.json.data.report.id);
    const concurrent = await Promise.all(Array.from({ length: 10 }, () => host.call('report', input, resident)));
    expect(concurrent.every((r) => r.status === 200)).toBe(true);
    expect(await host.store.count('reports')).toBe(1);
    expect(await host.store.count('codeEvents')).toBe(1);
  });

  it('a later report never loosens a code by itself', async () => {
    const [areaId] = await kuanchengAreaIds();
    await host.call(
      'report',
      reportInput(host.clock.now, { itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [areaId] }] }),
      resident,
    );
    const green = await host.call('report', reportInput(host.clock.now), resident);
    expect(green.json.data.report.decision.code).toBe('green');
    const code = await host.call('code', { action: 'mine' }, resident);
    expect(code.json.data.decision.code).toBe('red');
  });
});

describe('privacy', () => {
  it('another resident cannot read my report or my code', async () => {
    const mine = await host.call('report', reportInput(host.clock.now), resident);
    const other = await host.signIn('demo-resident-2');
    const peek = await host.call('report', { action: 'get', id: mine.json.data.report.id }, other);
    expect(peek.status).toBe(404);
    expect(peek.json.error.message).toBe('未找到该报备记录');
    const theirs = await host.call('code', { action: 'mine' }, other);
    expect(theirs.json.data).toMatchObject({ person: null, decision: null, qr: null });
    const list = await host.call('report', { action: 'list' }, other);
    expect(list.json.data.reports).toEqual([]);
  });

  it('an account reports only for the person it is bound to', async () => {
    await host.call('report', reportInput(host.clock.now), resident);
    const someoneElse = await host.call('report', reportInput(host.clock.now, { idNumber: idNumber('19851111', '456') }), resident);
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.json.error.message).toMatch(/^本账号已实名绑定身份证号450702\*{8}/);
  });

  it('refuses calls without a session', async () => {
    const res = await host.call('code', { action: 'mine' });
    expect(res.status).toBe(401);
    expect(res.json.error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });
});
