// The code page's data: the decision, and a QR token that is short-lived and refreshes.
import { startTestHost, type TestHost } from '../support/local-host';
import { reportInput } from '../support/reports';
import { verifyToken } from '../../domain/token';

let host: TestHost;
let resident: string;
beforeEach(async () => {
  host = await startTestHost();
  resident = await host.signIn('demo-arrival');
});
afterEach(() => host.close());

const mine = async () => (await host.call('code', { action: 'mine' }, resident)).json.data;
const later = (ms: number) => (host.clock.now = new Date(host.clock.now.getTime() + ms));

it('gives a token the server verifies, a fresh one on every read, and no image: the app draws the QR', async () => {
  await host.call('report', reportInput(host.clock.now), resident);
  const first = await mine();
  expect(Object.keys(first.qr).sort()).toEqual(['expiresAt', 'token']);
  expect(verifyToken(first.qr.token, host.clock.now, 'test-token-secret-test-token-secret')).toMatchObject({ ok: true, payload: { c: 'green' } });
  later(30_000);
  const refreshed = await mine();
  expect(refreshed.qr.token).not.toBe(first.qr.token);
  expect(Date.parse(refreshed.qr.expiresAt)).toBe(host.clock.now.getTime() + 120_000);
  expect(verifyToken(first.qr.token, new Date(Date.parse(first.qr.expiresAt)), 'test-token-secret-test-token-secret')).toEqual({ ok: false, reason: 'expired' });
});

it('before any report: no person, no decision, no QR', async () => {
  expect(await mine()).toMatchObject({ person: null, decision: null, qr: null });
});
