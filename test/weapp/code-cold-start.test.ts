// `code.mine` is what everyone opens: the BUILT `code` function over the stand-in, as a fresh
// instance (cold: its bundle loaded anew, no cache) and then warm. Budgets, in database round trips:
//   cold ≤ 3 — the account, the code, and the day's policy-in-force lookup (kept per instance after);
//              no createCollection (the deploy-time init makes the collections), no tokenUses read;
//   warm ≤ 2 — the account and the code.
// At the ~30 ms a CloudBase call costs that is ~90 ms cold and ~60 ms warm of database time (the
// bench prints the measured figures; tests never assert on time). A yellow code reads its movement
// window and eligibility besides (up to 2 more); this person's code is green.
import { join } from 'node:path';
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { reportInput } from '../support/reports';

const db = createCloudBaseStandin();
const context = { OPENID: '' };
jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
  database: () => db,
  getWXContext: () => context,
}));

type Main = (event: Record<string, unknown>) => Promise<any>;
const dist = join(__dirname, '../../dist/cloudfunctions');

/** A new instance of a built function: its bundle loaded in a fresh module registry. */
function coldInstance(name: string): Main {
  let main: Main | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle is the point
    main = require(join(dist, name, 'index.js')).main;
  });
  return main!;
}

/** Runs one call and answers with the requests it sent the database (`action collection`). */
async function requestsOf(run: () => Promise<any>): Promise<{ res: any; requests: string[] }> {
  const before = db.server.log.length;
  const res = await run();
  return { res, requests: db.server.log.slice(before).map((r) => `${r.action.replace('database.', '')} ${r.collectionName}`) };
}

const COLD_BUDGET = 3;
const WARM_BUDGET = 2;

beforeAll(async () => {
  process.env.TOKEN_SECRET = 'a-cloud-function-secret-of-32-chars-or-more';
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  await coldInstance('init')({}); // the deploy step: collections exist before any call
  context.OPENID = 'oWx_cold_code';
  const filed = await coldInstance('report')(reportInput(new Date()));
  expect(filed).toMatchObject({ ok: true, data: { report: { decision: { code: 'green' } } } });
});

it(`cold code.mine: within ${COLD_BUDGET} round trips (account, code, policy in force), no createCollection; warm within ${WARM_BUDGET}`, async () => {
  const main = coldInstance('code');
  const cold = await requestsOf(() => main({ action: 'mine' }));
  expect(cold.res).toMatchObject({ ok: true, data: { decision: { code: 'green' }, qr: { token: expect.stringMatching(/^hk1\./) } } });
  expect(cold.requests.filter((r) => r.startsWith('addCollection'))).toEqual([]);
  expect(cold.requests.length).toBeLessThanOrEqual(COLD_BUDGET);
  expect([...cold.requests].sort()).toEqual(['getDocument accounts', 'getDocument codes', 'getDocument policyVersions']);

  const warm = await requestsOf(() => main({ action: 'mine' }));
  expect(warm.res.ok).toBe(true);
  // In a day's first 5 minutes an instance asks for the policy in force on every call (another
  // instance's clock may still be on the day before; policy-in-force.ts): counted apart then.
  const settling = (Date.now() + 8 * 3_600_000) % 86_400_000 < 5 * 60_000;
  const own = warm.requests.filter((r) => !(settling && r.endsWith(' policyVersions')));
  expect(own.length).toBeLessThanOrEqual(WARM_BUDGET);
  expect([...own].sort()).toEqual(['getDocument accounts', 'getDocument codes']);
  // A new token each read, and no image: the app draws the QR.
  expect(warm.res.data.qr.token).not.toBe(cold.res.data.qr.token);
  expect(Object.keys(warm.res.data.qr).sort()).toEqual(['expiresAt', 'token']);
});

it('every cold instance pays the same: nothing of one instance is shared with the next', async () => {
  const first = await requestsOf(() => coldInstance('code')({ action: 'mine' }));
  const second = await requestsOf(() => coldInstance('code')({ action: 'mine' }));
  expect(first.requests.length).toBe(COLD_BUDGET);
  expect(second.requests.length).toBe(COLD_BUDGET);
});
