// The host remembers verified cookies and the sessions it read (host/session.ts), so a check costs no
// HMAC and no query on the next request — but never past a change: an altered cookie, a sign-out by
// another process on the same database, or an expiry is refused on the very next request.
import { join } from 'node:path';
import { createSqliteStore } from '../../adapters/sqlite';
import { startTestHost } from '../support/local-host';

type Host = Awaited<ReturnType<typeof startTestHost>>;
let host: Host;
let sessionNow: Date;
beforeEach(async () => {
  sessionNow = new Date('2022-04-16T04:00:00Z');
  host = await startTestHost(undefined, { sessionClock: () => sessionNow });
});
afterEach(() => host.close());
const me = (cookie: string) => host.call('account', { action: 'me' }, cookie);

it('refuses a session revoked by another process on the same database, right after it was accepted', async () => {
  const cookie = await host.signIn('demo-arrival');
  expect((await me(cookie)).status).toBe(200);
  expect((await me(cookie)).status).toBe(200);
  const other = createSqliteStore(join(host.dir, 'test.db'));
  try {
    const [session] = await other.find('sessions', { where: { accountId: 'demo-arrival' } });
    expect(await other.update('sessions', session!._id, { revokedAt: sessionNow.toISOString() })).toBe(true);
  } finally {
    await other.close();
  }
  expect((await me(cookie)).status).toBe(401);
});

it('refuses an altered copy of an accepted cookie, and still ends the session at its expiry', async () => {
  const cookie = await host.signIn('demo-arrival');
  expect((await me(cookie)).status).toBe(200);
  const [name, value] = cookie.split('=');
  const last = value!.at(-1) === 'A' ? 'B' : 'A';
  expect((await me(`${name}=${value!.slice(0, -1)}${last}`)).status).toBe(401);
  expect((await me(`${name}=${value}`)).status).toBe(200);
  sessionNow = new Date(sessionNow.getTime() + 13 * 3_600_000);
  expect((await me(cookie)).status).toBe(401);
});

it('a second account signing in does not disturb the first one’s session, and each sees its own account', async () => {
  const first = await host.signIn('demo-arrival');
  expect((await me(first)).json.data.account).toMatchObject({ id: 'demo-arrival' });
  const second = await host.signIn('demo-resident-2');
  expect((await me(second)).json.data.account).toMatchObject({ id: 'demo-resident-2' });
  expect((await me(first)).json.data.account).toMatchObject({ id: 'demo-arrival' });
});
