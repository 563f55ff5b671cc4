// Checkpoint verification (卡口核验): scanned token or ID number → the current code, the report on
// file and an open movement window; forged, expired and replayed tokens refused and logged.
import { startTestHost, type TestHost } from '../support/local-host';
import { PLACES, idNumber, reportInput } from '../support/reports';
import { addDays, localDate } from '../../domain/time';

let host: TestHost;
let resident: string;
let checkpoint: string;

beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
  checkpoint = await host.signIn('demo-checkpoint');
});
afterEach(() => host.close());

async function fileYellow() {
  const arrival = addDays(localDate(host.clock.now), -10);
  const res = await host.call(
    'report',
    reportInput(host.clock.now, { arrivalDate: arrival, itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [] }] }),
    resident,
  );
  expect(res.json.data.report.decision).toMatchObject({ code: 'yellow', clause: '一(二)2' });
}
const token = async () => (await host.call('code', { action: 'mine' }, resident)).json.data.qr.token as string;
const verify = (body: Record<string, unknown>, cookie = checkpoint) => host.call('checkpoint', { action: 'verify', ...body }, cookie);
const refusals = () => host.store.find('checkpointChecks', { where: { result: 'refused' } });

it('shows a yellow arrival\'s code, masked, with the report on file and the duty to report', async () => {
  await fileYellow();
  const res = await verify({ token: await token() });
  expect(res.status).toBe(200);
  expect(res.json.data).toMatchObject({
    person: { nameMasked: '王*明', idNumberMasked: expect.stringMatching(/^450702\*{8}\d{3}[\dX]$/) },
    color: 'yellow',
    clause: '一(二)2',
    reportOnFile: true,
    mustReport: true,
    movementWindow: null,
  });
  expect(res.json.data.report.places).toEqual(['吉林省长春市宽城区站前街道']);
  expect(res.json.data.mustReportReason).toContain('黄码');
  const [check] = await host.store.find('checkpointChecks', { where: { result: 'shown' } });
  expect(check).toMatchObject({ kind: 'verify', staffId: 'demo-checkpoint', color: 'yellow', countyCode: '451202' });
  expect(check!.checkpoint).toContain('金城江区');
});

it('refuses a replayed token, and the code page then gives a fresh one', async () => {
  await fileYellow();
  const shown = await token();
  expect((await verify({ token: shown })).status).toBe(200);
  const again = await verify({ token: shown });
  expect(again.status).toBe(409);
  expect(again.json.error.message).toContain('已核验过');
  expect((await refusals()).map((r) => r.refusal)).toEqual(['replayed']);
  const fresh = await token();
  expect(fresh).not.toBe(shown);
  expect((await verify({ token: fresh })).status).toBe(200);
});

it('two scans of one token at once: one shown, the other refused as a replay', async () => {
  await fileYellow();
  const shown = await token();
  const both = await Promise.all([verify({ token: shown }), verify({ token: shown })]);
  expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(await host.store.count('tokenUses')).toBe(1);
  expect(await host.store.count('checkpointChecks', { result: 'shown' })).toBe(1);
  expect((await refusals()).map((r) => r.refusal)).toEqual(['replayed']);
});

it('refuses an expired, a forged and a malformed token, logging each', async () => {
  await fileYellow();
  const shown = await token();
  const [v, body, sig] = shown.split('.');
  const forged = `${v}.${Buffer.from(Buffer.from(body!, 'base64url').toString().replace('yellow', 'green')).toString('base64url')}.${sig}`;
  const forgedRes = await verify({ token: forged });
  expect(forgedRes.status).toBe(400);
  expect(forgedRes.json.error.message).toContain('篡改');
  expect((await verify({ token: 'https://example.com/not-ours' })).json.error.message).toContain('无法识别');
  host.clock.now = new Date(host.clock.now.getTime() + 121_000);
  const expired = await verify({ token: shown });
  expect(expired.status).toBe(400);
  expect(expired.json.error.message).toContain('已过期');
  expect((await refusals()).map((r) => r.refusal).sort()).toEqual(['expired', 'forged', 'malformed']);
  expect(await host.store.count('tokenUses')).toBe(0);
});

it('finds a person by ID number when no code can be shown', async () => {
  await fileYellow();
  const res = await verify({ idNumber: idNumber() });
  expect(res.json.data).toMatchObject({ color: 'yellow', reportOnFile: true });
  const unknown = await verify({ idNumber: idNumber('19701010', '777') });
  expect(unknown.status).toBe(404);
  expect(unknown.json.error.message).toContain('现场报备');
  const bad = await verify({ idNumber: idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0') });
  expect(bad.status).toBe(400);
  expect(bad.json.error.field).toBe('idNumber');
});

it('shows an open movement window to the checkpoint', async () => {
  await fileYellow();
  const applied = await host.call('movement', { action: 'apply', hours: 8, from: '河池站', to: '金城江区城北路12号' }, resident);
  expect(applied.status).toBe(200);
  const res = await verify({ token: await token() });
  expect(res.json.data.movementWindow).toMatchObject({ hours: 8, to: '金城江区城北路12号' });
});

it('a green arrival without * need not report; only checkpoint staff may verify', async () => {
  await host.call('report', reportInput(host.clock.now), resident);
  const res = await verify({ token: await token() });
  expect(res.json.data).toMatchObject({ color: 'green', mustReport: false, mustReportReason: null });
  expect((await verify({ token: await token() }, resident)).status).toBe(403);
  expect((await verify({ token: await token() }, await host.signIn('demo-community'))).status).toBe(403);
});

it('asks for exactly one of token and ID number', async () => {
  expect((await verify({})).json.error.message).toBe('请扫描健康码，或输入身份证号（二选一）');
  expect((await verify({ token: 'x', idNumber: idNumber() })).status).toBe(400);
  expect(await host.store.count('checkpointChecks')).toBe(0);
});

describe('report on the spot (二(二)) and the three checks (三(二))', () => {
  const walkIn = () => reportInput(host.clock.now, { name: '赵大勇', idNumber: idNumber('19820202', '135'), phone: '13700001111' });

  it('files a report in the person\'s name, marked as filed at the checkpoint, once', async () => {
    expect((await verify({ idNumber: idNumber('19820202', '135') })).status).toBe(404);
    const input = walkIn();
    const filed = await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
    expect(filed.status).toBe(200);
    expect(filed.json.data.duplicate).toBe(false);
    expect(filed.json.data.report).toMatchObject({ name: '赵大勇', phone: '137****1111', idNumber: expect.stringContaining('********') });
    const retry = await host.call('checkpoint', { ...input, action: 'report' }, checkpoint);
    expect(retry.json.data).toMatchObject({ duplicate: true, report: { id: filed.json.data.report.id } });
    expect(await host.store.count('reports')).toBe(1);
    const doc = await host.store.get('reports', filed.json.data.report.id);
    expect(doc?.filedAt).toMatchObject({ staffId: 'demo-checkpoint', checkpoint: expect.stringContaining('卡口') });
    const seen = await verify({ idNumber: idNumber('19820202', '135') });
    expect(seen.json.data).toMatchObject({ reportOnFile: true, color: 'green' });
    expect(await host.store.count('checkpointChecks', { kind: 'report' })).toBe(1);
  });

  it('bad input files nothing, not even the person\'s account', async () => {
    const res = await host.call('checkpoint', { ...walkIn(), arrivalDate: '2099-01-01', action: 'report' }, checkpoint);
    expect(res.status).toBe(400);
    expect(res.json.error.field).toBe('arrivalDate');
    expect(await host.store.count('reports')).toBe(0);
    expect(await host.store.count('accounts', { role: 'resident' })).toBe(4);
  });

  it('a wrong check needs a note and flags the report for the destination; a retry flags once', async () => {
    await fileYellow();
    const seen = await verify({ token: await token() });
    const base = { action: 'checks', checkId: seen.json.data.checkId, reportId: seen.json.data.report.id, citiesFilled: true, destinationAccurate: true };
    const noNote = await host.call('checkpoint', { ...base, returnDateToday: false }, checkpoint);
    expect(noNote.status).toBe(400);
    expect(noNote.json.error.message).toBe('请说明问题：返河日期不是当天');
    expect(await host.store.count('reportFlags')).toBe(0);
    const flagged = await host.call('checkpoint', { ...base, returnDateToday: false, note: '实际10天前已抵河' }, checkpoint);
    expect(flagged.json.data).toMatchObject({ flagged: true, problems: ['return-date'] });
    await host.call('checkpoint', { ...base, returnDateToday: false, note: '实际10天前已抵河' }, checkpoint);
    const flags = await host.store.find('reportFlags');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ villageCode: '451202001001', problems: ['return-date'], note: '实际10天前已抵河' });
    expect(await host.store.count('checkpointChecks', { kind: 'checks', result: 'flagged' })).toBe(1);

    // The destination's community sees the flag in its daily list.
    const community = await host.call('arrivals', { action: 'list' }, await host.signIn('demo-community'));
    const row = community.json.data.arrivals.find((a: { reportId: string }) => a.reportId === seen.json.data.report.id);
    expect(row.flags).toEqual([expect.stringMatching(/卡口：返河日期不是当天（实际10天前已抵河）$/)]);
  });

  it('checks need a verify of the same person first', async () => {
    await fileYellow();
    const res = await host.call('checkpoint', { action: 'checks', checkId: 'k_nope', reportId: 'r_x', citiesFilled: true, returnDateToday: true, destinationAccurate: true }, checkpoint);
    expect(res.status).toBe(404);
  });
});

it('shows a red code with its clause and the duty to report', async () => {
  const [areaId] = (await host.call('division', { action: 'riskAreas', countyCode: '220103' }, resident)).json.data.areas.map((a: { id: string }) => a.id);
  const arrival = addDays(localDate(host.clock.now), -3);
  await host.call('report', reportInput(host.clock.now, { arrivalDate: arrival, itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [areaId] }] }), resident);
  const res = await verify({ token: await token() });
  expect(res.json.data).toMatchObject({ color: 'red', clause: '一(一)1', reportOnFile: true, mustReport: true, movementWindow: null });
  expect(res.json.data.mustReportReason).toBe('红码：须有一键直报记录（已报备，请核对）');
});

it('an itinerary code with * alone makes the report a duty, even on green', async () => {
  await host.call('report', reportInput(host.clock.now, { itineraryStar: true }), resident);
  const res = await verify({ token: await token() });
  expect(res.json.data).toMatchObject({ color: 'green', mustReport: true, mustReportReason: '行程码带*：须有一键直报记录（已报备，请核对）' });
});
