// A warm instance of a cloud function must not be poisoned by one transient failure of its first
// call, and a cold start must not spend round trips creating collections (the deploy-time init does).
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { createCloudBaseStore } from '../../adapters/cloudbase';

const db = createCloudBaseStandin();
const context = { OPENID: 'oWx_cold_start' };

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
  database: () => db,
  getWXContext: () => context,
}));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock, as the platform loads it
const { main } = require('../../cloudfunctions/account/index');

beforeAll(async () => {
  process.env.TOKEN_SECRET = 'a-cloud-function-secret-of-32-chars-or-more';
  await createCloudBaseStore(db).migrate(); // what the deploy-time init leaves behind
  db.server.log.length = 0;
});

it('one transient database failure fails that call only; the next call of the warm instance works', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const transient = Object.assign(new Error('collection.add:fail -501001 resource system error. [InternalError] timeout'), { errCode: -501001 });
  const createCollection = jest.spyOn(db, 'createCollection').mockRejectedValueOnce(transient);
  const get = jest.spyOn(db, 'collection');
  get.mockImplementationOnce(() => {
    throw transient;
  });
  try {
    const first = await main({ action: 'me' }).catch((e: Error) => ({ ok: false, thrown: e.message }));
    expect(first.ok).toBe(false);
    const second = await main({ action: 'me' });
    expect(second).toMatchObject({ ok: true, data: { account: { id: 'oWx_cold_start' } } });
  } finally {
    createCollection.mockRestore();
    get.mockRestore();
    spy.mockRestore();
  }
});

it('a cold start creates no collections: that is the deploy-time init, not every instance', async () => {
  db.server.log.length = 0;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    void require('../../cloudfunctions/account/index').main({ action: 'me' });
  });
  await new Promise((r) => setTimeout(r, 50));
  expect(db.server.log.filter((r) => r.action === 'database.addCollection')).toEqual([]);
});

it('an account written by the mini-program itself (it carries `_openid`) is never trusted, whatever role it claims', async () => {
  // What a modified client could do if `accounts` kept a client-writable permission: the database
  // stamps every client write with `_openid`; the functions (admin side) never write that field.
  await db.collection('accounts').add({
    data: { _id: 'oWx_attacker', _openid: 'oWx_attacker', role: 'bureau-admin', jurisdiction: '4512', name: '假管理员', createdAt: new Date().toISOString() },
  });
  context.OPENID = 'oWx_attacker';
  try {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const me = await main({ action: 'me' });
    spy.mockRestore();
    expect(me).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('账号') } });
  } finally {
    context.OPENID = 'oWx_cold_start';
  }
});

it('init makes the first Bureau administrator on request, once; a user of the app cannot call it', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const init = require('../../cloudfunctions/init/index').main;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  context.OPENID = 'oWx_someone';
  expect(await init({ firstBureauAdmin: 'oWx_someone' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  context.OPENID = '';
  try {
    expect(await init({ firstBureauAdmin: 'oWx_bureau_1', name: '韦主任' })).toMatchObject({ ok: true, data: { firstBureauAdmin: 'created' } });
    expect(await init({ firstBureauAdmin: 'oWx_bureau_2' })).toMatchObject({ ok: true, data: { firstBureauAdmin: 'exists' } });
    expect((await db.collection('accounts').doc('oWx_bureau_1').get()).data).toMatchObject({ role: 'bureau-admin', jurisdiction: '4512', name: '韦主任' });
    await expect(db.collection('accounts').doc('oWx_bureau_2').get()).rejects.toThrow(/does not exist/);
  } finally {
    context.OPENID = 'oWx_cold_start';
  }
});
