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
