// Sessions that end (issue 13, Medium 5): an id per sign-in, an expiry, revocation at sign-out,
// Secure over HTTPS, strict decoding; production mode seeds nothing and has no demo accounts.
import { createHmac } from 'node:crypto';
import { startTestHost, type TestHost } from '../support/local-host';
import { LIMITS } from '../../domain/services/rate-limit';
import { SESSION_TTL_HOURS } from '../../host/session';

const SECRET = 'test-cookie-secret-test-cookie-secret';
let host: TestHost;
let sessionNow: Date;
beforeEach(async () => {
  sessionNow = new Date('2022-04-16T04:00:00Z');
  host = await startTestHost(undefined, { sessionClock: () => sessionNow });
});
afterEach(() => host.close());

const signInRaw = (accountId: string) => host.app.inject({ method: 'POST', url: '/local/signin', payload: { accountId } });
const me = (cookie?: string) => host.call('account', { action: 'me' }, cookie);

it('every sign-in gives a new cookie, HttpOnly, SameSite=Strict, with a Max-Age', async () => {
  const a = String((await signInRaw('demo-arrival')).headers['set-cookie']);
  const b = String((await signInRaw('demo-arrival')).headers['set-cookie']);
  expect(a.split(';')[0]).not.toBe(b.split(';')[0]);
  expect(a).toMatch(/HttpOnly/);
  expect(a).toMatch(/SameSite=Strict/);
  expect(a).toContain(`Max-Age=${SESSION_TTL_HOURS * 3600}`);
  expect(a).not.toMatch(/Secure/);
});

it('sign-out revokes the session: the same cookie, kept and sent again, is refused', async () => {
  const cookie = await host.signIn('demo-arrival');
  expect((await me(cookie)).status).toBe(200);
  const out = await host.app.inject({ method: 'POST', url: '/local/signout', headers: { cookie } });
  expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
  expect((await me(cookie)).status).toBe(401);
});

it(`a session ends ${SESSION_TTL_HOURS} hours after sign-in`, async () => {
  const cookie = await host.signIn('demo-arrival');
  sessionNow = new Date(sessionNow.getTime() + SESSION_TTL_HOURS * 3_600_000 - 1000);
  expect((await me(cookie)).status).toBe(200);
  sessionNow = new Date(sessionNow.getTime() + 2000);
  expect((await me(cookie)).status).toBe(401);
});

it('a cookie made from the secret alone for an account, or altered in any way, is refused', async () => {
  const cookie = await host.signIn('demo-bureau');
  const [, value] = cookie.split('=');
  const [id, sig] = value!.split('.');
  // The old format (account id + its HMAC) is what a holder of the secret could make.
  const forged = `sid=${encodeURIComponent(`demo-bureau.${createHmac('sha256', SECRET).update('demo-bureau').digest('base64url')}`)}`;
  const forgedSession = `sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.${createHmac('sha256', SECRET).update('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA').digest('base64url')}`;
  for (const bad of [forged, forgedSession, `sid=${id}.${sig}==`, `sid=${id}.${sig}!`, `sid=${id}.${sig}\u200b`, `sid=${id}\u200b.${sig}`, `sid=${id}.${sig!.slice(0, -1)}`]) {
    expect([bad, (await me(bad)).status]).toEqual([bad, 401]);
  }
  expect((await me(cookie)).status).toBe(200);
});

it('served over HTTPS, the cookie is Secure', async () => {
  const secureHost = await startTestHost(undefined, { secureCookies: true });
  try {
    const res = await secureHost.app.inject({ method: 'POST', url: '/local/signin', payload: { accountId: 'demo-arrival' } });
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  } finally {
    await secureHost.close();
  }
});

it('sign-ins are rate-limited per account', async () => {
  for (let i = 0; i < LIMITS.signin[0].max; i++) expect((await signInRaw('demo-resident-3')).statusCode).toBe(200);
  const res = await signInRaw('demo-resident-3');
  expect(res.statusCode).toBe(429);
  expect(res.json().error.message).toMatch(/^操作过于频繁：每分钟最多登录10次/);
  expect(res.headers['set-cookie']).toBeUndefined();
  expect((await signInRaw('demo-resident-4')).statusCode).toBe(200);
});

it('production mode: no demo sign-in, and a session of a demo account (from an earlier local run) is refused', async () => {
  const cookie = await host.signIn('demo-bureau');
  const prod = await startTestHost(undefined, { local: false, store: host.store });
  try {
    expect((await prod.app.inject({ method: 'POST', url: '/local/signin', payload: { accountId: 'demo-bureau' } })).statusCode).toBe(404);
    expect((await prod.call('account', { action: 'me' }, cookie)).status).toBe(401);
  } finally {
    await prod.close();
  }
});
