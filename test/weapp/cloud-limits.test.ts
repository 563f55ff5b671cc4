// The BUILT cloud functions over the stand-in that keeps the platform's limits (1,000 per get, 16 MB
// documents, 1 MB results), on realistic data: the real national list of 2022-12-01 in force,
// 10,000 recent arrivals in one county (金城江区), 1,000 open appeals there. Each action must answer
// inside the limits and within its round-trip budget (what its timeout can afford at ~30 ms a trip).
import { join } from 'node:path';
import { checkFunctionResult, createCloudBaseStandin } from '../support/cloudbase-standin';
import { PLACES, reportInput } from '../support/reports';
import { TEMPLATE, cloneIdNumber, seedRealistic, yellowWorklist } from '../support/cloud-fixture';
import { addDays, localDate } from '../../domain/time';

jest.setTimeout(300_000);

const db = createCloudBaseStandin();
const context = { OPENID: '' };
const storage = new Map<string, Buffer>();
jest.mock('wx-server-sdk', () => ({
  DYNAMIC_CURRENT_ENV: Symbol.for('DYNAMIC_CURRENT_ENV'),
  init: () => undefined,
  database: () => db,
  getWXContext: () => context,
  downloadFile: async ({ fileID }: { fileID: string }) => {
    const fileContent = storage.get(fileID);
    if (!fileContent) throw new Error('downloadFile:fail -503003 file not exist');
    return { fileContent };
  },
}));

type Main = (event: Record<string, unknown>) => Promise<any>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundles are the point
const fn = (name: string): Main => require(join(__dirname, '../../dist/cloudfunctions', name, 'index.js')).main;

const ARRIVALS = 10_000;
const APPEALS = 1_000;

/** Calls a built function as `openid`, checking the result's size; answers with the round trips it took. */
async function call(openid: string, name: string, event: Record<string, unknown>): Promise<{ res: any; trips: number; bytes: number; requests: string }> {
  context.OPENID = openid;
  const before = db.server.roundTrips;
  const res = await fn(name)(event);
  const trips = db.server.roundTrips - before;
  const requests = db.server.log.slice(before).map((r) => `${r.action.replace('database.', '')} ${r.collectionName}`).join(', ');
  const bytes = checkFunctionResult(res);
  if (!res.ok) throw new Error(`${name}.${String(event.action)}: ${JSON.stringify(res.error)}`);
  return { res, trips, bytes, requests };
}

const budgets: Array<{ what: string; trips: number; bytes: number }> = [];

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined); // the jobs' run logs
  process.env.TOKEN_SECRET = 'a-cloud-function-secret-of-32-chars-or-more';
  await seedRealistic(db, call, { arrivals: ARRIVALS, appeals: APPEALS });
  expect(db.server.collections.get('reports')!.size).toBe(ARRIVALS);
  expect(db.server.collections.get('appeals')!.size).toBe(APPEALS);
  // From here on, every query the functions send is checked against the indexes of COLLECTIONS.
  db.server.checkIndexes = true;
});

afterAll(() => {
  // The figures, for the bench and the README.
  process.stdout.write(budgets.map((b) => `${b.what}: ${b.trips} round trips, ${(b.bytes / 1024).toFixed(1)} KB`).join('\n') + '\n');
});

/** The most database requests one call may have in flight: the plan's 20 connections are shared. */
const MAX_CONCURRENT = 10;

async function within(what: string, maxTrips: number, run: () => Promise<{ trips: number; bytes: number; requests: string }>) {
  db.server.maxInFlight = 0;
  const { trips, bytes, requests } = await run();
  budgets.push({ what, trips, bytes });
  expect([what, trips <= maxTrips ? 'within' : `${trips} round trips, budget ${maxTrips}: ${requests}`]).toEqual([what, 'within']);
  expect([what, db.server.maxInFlight <= MAX_CONCURRENT ? 'within' : `${db.server.maxInFlight} requests at once`]).toEqual([what, 'within']);
}

it('code.mine, warm: within 2 round trips (the account, the code) beside the policy-in-force lookup', async () => {
  await call(TEMPLATE, 'code', { action: 'mine' });
  const { res, trips, bytes, requests } = await call(TEMPLATE, 'code', { action: 'mine' });
  expect(res.data.qr.token).toBeTruthy();
  // Every call also reads which policy version is in force (issue 11, run-action.ts): counted apart,
  // so this budget holds what code.mine itself does.
  const policy = requests.split(', ').filter((r) => r.endsWith(' policyVersions')).length;
  budgets.push({ what: `code.mine (warm; ${policy} of them the policy-in-force lookup)`, trips, bytes });
  expect([trips - policy, requests]).toEqual([2, expect.stringContaining('getDocument accounts, getDocument codes')]);
});

it('report.submit: a new arrival within its budget', async () => {
  const now = new Date();
  const arrival = addDays(localDate(now), -2);
  await within('report.submit', 22, () => call('oWx_new', 'report', reportInput(now, { idNumber: '450702199003071257', name: '李芳', arrivalDate: arrival, itinerary: [{ townCode: PLACES.nanningTown, departDate: arrival }] })));
});

// Staff lists: one page each. Budgets leave a 20 s timeout ten times its need at 30 ms a trip.
describe('the staff lists over 10,000 arrivals and 1,000 appeals: a page inside 1 MB and its budget', () => {
  it('arrivals.list', () => within('arrivals.list (community, 10,000 arrivals)', 60, () => call('oWx_community', 'arrivals', { action: 'list' })));
  it('appeal.queue', () => within('appeal.queue (platform, 1,000 open)', 60, () => call('oWx_platform', 'appeal', { action: 'queue' })));
  it('conversions.list', () => within('conversions.list (area admin, 10,000 yellow/green)', 60, () => call('oWx_area', 'conversions', { action: 'list' })));
  it('dashboard.daily', () => within('dashboard.daily (Bureau)', 60, () => call('oWx_bureau', 'dashboard', { action: 'daily' })));
});

it('conversions.confirm of 200 people (the most one call takes): reads in bulk, writes 8 at a time', async () => {
  // Each person's code, event and audit entry are one transaction (about 6 trips); the checks before
  // read codes, reports, handling and tests a batch at a time. One person after another it was 1,601
  // trips in a row: 48 s at 30 ms against a 20 s timeout (now ~1,200 trips, 8 at a time: ~5 s).
  const items = await yellowWorklist(db, async (openid, name, event) => (await call(openid, name, event)).res);
  expect(items).toHaveLength(200);
  await within('conversions.confirm (200 people)', 1_400, async () => {
    const r = await call('oWx_area', 'conversions', { action: 'confirm', items, reason: '集中核查后统一转码' });
    expect(r.res.data.converted).toHaveLength(200);
    return r;
  });
  // Elapsed, not trips: what a 20 s timeout sees with 8 transactions in flight.
  expect(db.server.maxInFlight).toBeGreaterThan(1);
});

it('appealSweep with 1,000 open appeals: one run within its budget', async () => {
  await within('appealSweep', 10, () => call('', 'appealSweep', {}));
});

it('nucleic.import of a results file: about one round trip a row (its insert), at most 8 in flight', async () => {
  // 1,000 rows here (the stand-in scans in memory; 5,000 take minutes). The matching reads persons,
  // their latest reports and handling a hundred at a time; what is left is one insert a row, 8 in
  // flight: a 5,000-row file is ~5,200 trips, ~650 one after another, ~20 s at 30 ms (timeout 60 s).
  // (It was ~3 trips a row one after another: ~15,000, ~450 s.)
  const today = localDate(new Date());
  const csv = ['身份证号,姓名,采样日期,检测结果,检测机构', ...Array.from({ length: 1000 }, (_, i) => `${cloneIdNumber(i)},王,${today},阴性,金城江区人民医院`)].join('\n');
  const fileId = 'cloud://standin-env.bucket/nucleic/oWx_community/results.csv';
  storage.set(fileId, Buffer.from(csv));
  await within('nucleic.import (1,000 rows)', 1_100, async () => {
    const r = await call('oWx_community', 'nucleic', { action: 'import', fileId, fileName: 'results.csv' });
    expect(r.res.data).toMatchObject({ rows: 1000, recorded: 1000 });
    return r;
  });
});

// Last: what every action above asked for. The console's indexes are COLLECTIONS' (README), so a query
// none of them serves would be a full scan in production.
it('every query the actions sent is served by an index of COLLECTIONS', () => {
  // The arrivals list's `_id` cursor included: destination_arrival ends in `_id` (docs/queries.md).
  expect([...db.server.unindexed]).toEqual([]);
});
