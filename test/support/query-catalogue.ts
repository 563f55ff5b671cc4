// The query catalogue (issue 10): every find and count each action issues, recorded at the Store
// port while the actions run through their handlers over the realistic data set of
// cloud-fixture.ts (the 2022-12-01 list, 10,000 arrivals in 金城江区, 1,000 open appeals) — once on
// the CloudBase adapter over the stand-in, once on SQLite holding a copy of the same documents.
// Each query is matched to the index of COLLECTIONS that serves it (domain/store/index-use.ts);
// test/store/query-catalogue.test.ts holds every one to an index, and scripts/print-queries.ts
// writes docs/queries.md from it for the deployer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API } from '../../types/api';
import { createCloudBaseStore } from '../../adapters/cloudbase';
import { createSqliteStore, type SqliteStore } from '../../adapters/sqlite';
import { dispatch } from '../../domain/api/dispatch';
import { divisions } from '../../domain/divisions';
import { FileNotFoundError, type FileStore } from '../../domain/files/port';
import { hechiPolicy } from '../../domain/policy';
import { escalateOverdueAppeals } from '../../domain/services/appeal';
import type { ServiceContext } from '../../domain/services/context';
import { continueRiskJobs } from '../../domain/services/risk-job';
import { COLLECTIONS, type CollectionName } from '../../domain/store/collections';
import { describeShape, servingIndex, shapeOf, type QueryShape } from '../../domain/store/index-use';
import type { FindOptions, Store, Where } from '../../domain/store/port';
import { localDate } from '../../domain/time';
import { createCloudBaseStandin, type StandinDatabase } from './cloudbase-standin';
import { STAFF, TEMPLATE, cloneIdNumber, seedRealistic } from './cloud-fixture';
import { PLACES, idNumber, reportInput } from './reports';

export interface RecordedQuery {
  /** `fn.action`, or the job's name (appealSweep, riskJob). */
  action: string;
  shape: QueryShape;
  /** The first call of this shape as the domain made it (EXPLAIN runs it again on SQLite). */
  where?: Where;
  orderBy?: FindOptions['orderBy'];
}

/** Wraps a store so every find and count is recorded under the action running now. */
function recording(store: Store, current: () => string, out: RecordedQuery[]): Store {
  return {
    ...store,
    insert: (c, d) => store.insert(c, d),
    put: (c, d) => store.put(c, d),
    get: (c, id) => store.get(c, id),
    update: (c, id, p) => store.update(c, id, p),
    async find(collection, options) {
      out.push({ action: current(), shape: shapeOf(collection, 'find', options?.where, options?.orderBy), where: options?.where, orderBy: options?.orderBy });
      return store.find(collection, options);
    },
    async count(collection, where) {
      out.push({ action: current(), shape: shapeOf(collection, 'count', where, undefined), where });
      return store.count(collection, where);
    },
    ...(store.batch ? { batch: <T>(fn: () => Promise<T>) => store.batch!(fn) } : {}),
    migrate: () => store.migrate(),
    close: () => store.close(),
  };
}

const NO_FILES: FileStore = {
  read: async (id) => {
    throw new FileNotFoundError(id);
  },
  write: async () => {
    throw new Error('the catalogue scenario uploads nothing');
  },
};

export const CHECKPOINT = 'oWx_checkpoint';
const SECRET = 'a-cloud-function-secret-of-32-chars-or-more';

function context(store: Store, openid: string): ServiceContext {
  return {
    store,
    files: NO_FILES,
    now: new Date(),
    identity: openid ? { accountId: openid, enrollOnFirstUse: true } : null,
    policy: hechiPolicy,
    divisions: divisions(),
    tokenSecret: SECRET,
  };
}

type State = Record<string, string>;
type Call = (state: State) => Record<string, unknown>;
/** `keep` takes what later steps need (ids, a token) from the answer. */
type Keep = (data: any, state: State) => void;
type Step = { as: string; fn: string; call: Call; keep?: Keep } | { job: 'appealSweep' | 'riskJob' };

/** What the scenario runs, in order: residents' pages, staff lists and decisions, the timers' jobs. */
function steps(): Step[] {
  const today = localDate(new Date());
  const step = (as: string, fn: string, call: Call, keep?: Keep): Step => ({ as, fn, call, keep });
  return [
    step(TEMPLATE, 'account', () => ({ action: 'me' })),
    step(TEMPLATE, 'code', () => ({ action: 'mine' })),
    step(TEMPLATE, 'code', () => ({ action: 'history' })),
    step(TEMPLATE, 'report', () => ({ action: 'list' }), (d, s) => (s.reportId = d.reports[0].id)),
    step(TEMPLATE, 'report', (s) => ({ action: 'get', id: s.reportId! })),
    step(TEMPLATE, 'family', () => ({ action: 'list' })),
    step(TEMPLATE, 'division', () => ({ action: 'riskAreas', countyCode: '451202' })),
    step(TEMPLATE, 'appeal', () => ({ action: 'mine' })),
    step('oWx_new', 'report', () => reportInput(new Date(), { idNumber: '450702199003071257', name: '李芳', itinerary: [{ townCode: PLACES.nanningTown, departDate: today }], arrivalDate: today })),
    step('oWx_a7', 'code', () => ({ action: 'mine' }), (d, s) => (s.token = d.qr.token)),
    step(CHECKPOINT, 'checkpoint', (s) => ({ action: 'verify', token: s.token! })),
    step(CHECKPOINT, 'checkpoint', () => ({ action: 'verify', idNumber: idNumber() })), // the template arrival's
    step(STAFF.platform, 'appeal', () => ({ action: 'queue' }), (d, s) => (s.appealId = d.appeals[0].id)),
    step(STAFF.platform, 'appeal', (s) => ({ action: 'get', id: s.appealId!, reason: '核查申诉材料' })),
    step(STAFF.platform, 'appeal', (s) => ({ action: 'answer', id: s.appealId!, outcome: 'stands', reason: '经核查，行程属实，维持原码。', process: '如有异议请携带行程证明到社区核实', phone: '0778-2222222', address: '金城江区新建路1号' })),
    step(STAFF.bureau, 'appeal', () => ({ action: 'stats' })),
    step(STAFF.community, 'arrivals', () => ({ action: 'list' }), (d, s) => (s.arrivalId = d.arrivals[0].reportId)),
    step(STAFF.community, 'arrivals', (s) => ({ action: 'get', reportId: s.arrivalId!, reason: '核实来河人员' })),
    step(STAFF.community, 'arrivals', (s) => ({ action: 'verify', requestId: 'catalogue-verify-1', reportId: s.arrivalId!, reached: false, notes: '电话无人接听' })),
    step(STAFF.area, 'conversions', () => ({ action: 'list' })),
    step(STAFF.area, 'nucleic', () => ({ action: 'record', idNumber: cloneIdNumber(11), sampleDate: today, result: 'negative' })),
    step(STAFF.area, 'risk', () => ({ action: 'recodeWorklist' })),
    step(STAFF.bureau, 'dashboard', () => ({ action: 'daily' })),
    step(STAFF.bureau, 'dashboard', () => ({ action: 'list', date: today, countyCode: '451202', metric: 'received' })),
    step(STAFF.bureau, 'staff', () => ({ action: 'listAccounts' })),
    step(STAFF.bureau, 'staff', () => ({ action: 'listContacts' })),
    step(STAFF.bureau, 'staff', () => ({ action: 'searchAudit' })),
    step(STAFF.bureau, 'staff', () => ({ action: 'searchAudit', actorId: STAFF.platform })),
    step(STAFF.bureau, 'staff', (s) => ({ action: 'searchAudit', target: `appeals/${s.appealId!}` })),
    step(STAFF.bureau, 'staff', () => ({ action: 'searchAudit', auditAction: 'appeal.answer', from: today, to: today })),
    step(STAFF.bureau, 'risk', () => ({ action: 'versions' }), (d, s) => (s.versionId = d.items[0].versionId)),
    step(STAFF.bureau, 'risk', (s) => ({ action: 'version', versionId: s.versionId! })),
    step(STAFF.bureau, 'risk', (s) => ({ action: 'versionAreas', versionId: s.versionId! })),
    step(STAFF.bureau, 'risk', (s) => ({ action: 'versionDiff', versionId: s.versionId! })),
    step(STAFF.bureau, 'risk', () => ({ action: 'query', code: '220102' })),
    step(STAFF.bureau, 'risk', () => ({ action: 'search', q: '长春' })),
    step(STAFF.bureau, 'risk', () => ({ action: 'job' })),
    step(STAFF.bureau, 'policy', () => ({ action: 'list' })),
    { job: 'appealSweep' },
    { job: 'riskJob' },
  ];
}

export interface AdapterRun {
  adapter: 'cloudbase' | 'sqlite';
  queries: RecordedQuery[];
  /** Actions run, in order (a retried label once). */
  ran: string[];
  /** Actions that did not answer ok: the scenario must run clean to mean anything. */
  failed: Array<{ action: string; error: unknown }>;
}

async function runSteps(adapter: AdapterRun['adapter'], base: Store): Promise<AdapterRun> {
  const run: AdapterRun = { adapter, queries: [], ran: [], failed: [] };
  let label = '';
  const store = recording(base, () => label, run.queries);
  const state: State = {};
  for (const step of steps()) {
    if ('job' in step) {
      label = step.job;
      run.ran.push(label);
      try {
        if (step.job === 'appealSweep') await escalateOverdueAppeals(context(store, ''));
        else await continueRiskJobs(context(store, ''), 5_000);
      } catch (error) {
        run.failed.push({ action: label, error });
      }
      continue;
    }
    const call = step.call(state);
    label = `${step.fn}.${String(call.action)}`;
    if (!run.ran.includes(label)) run.ran.push(label);
    const res = await dispatch(step.fn, call, context(store, step.as));
    if (!res.ok) run.failed.push({ action: label, error: res.error });
    else step.keep?.(res.data, state);
  }
  return run;
}

export interface Catalogue {
  runs: AdapterRun[];
  /** The SQLite copy, open for EXPLAIN QUERY PLAN; `close()` removes it. */
  sqlite: SqliteStore;
  standin: StandinDatabase;
  /** Documents per collection in the data set, to tell a large collection from a small one. */
  sizes: Map<CollectionName, number>;
  close(): Promise<void>;
}

/** Seeds the realistic data, copies it to SQLite, and runs the scenario on both adapters. */
export async function buildCatalogue(sizes = { arrivals: 10_000, appeals: 1_000 }): Promise<Catalogue> {
  const standin = createCloudBaseStandin();
  const cloud = createCloudBaseStore(standin);
  // Seeding goes through the same handlers (report.submit, appeal.submit) over the CloudBase adapter.
  const seedRun: AdapterRun = { adapter: 'cloudbase', queries: [], ran: [], failed: [] };
  let label = '';
  const seedStore = recording(cloud, () => label, seedRun.queries);
  await seedRealistic(standin, async (openid, name, event) => {
    if (name === 'init') return cloud.migrate(); // the deploy-time init function
    label = `${name}.${String(event.action)}`;
    if (!seedRun.ran.includes(label)) seedRun.ran.push(label);
    const res = await dispatch(name, event, context(seedStore, openid));
    if (!res.ok) throw new Error(`${label}: ${JSON.stringify(res.error)}`);
    return res.data;
  }, sizes);
  standin.server.seed('accounts', [{ _id: CHECKPOINT, role: 'checkpoint', name: '莫卡口', jurisdiction: '451202', createdAt: new Date().toISOString() }]);

  const dir = mkdtempSync(join(tmpdir(), 'saoma-queries-'));
  const sqlite = createSqliteStore(join(dir, 'catalogue.db'));
  await sqlite.migrate();
  const counts = new Map<CollectionName, number>();
  await sqlite.batch!(async () => {
    for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
      const docs = [...(standin.server.collections.get(name)?.values() ?? [])];
      counts.set(name, docs.length);
      for (const doc of docs) await sqlite.put(name, doc as never);
    }
  });

  // The stand-in's own check too: every request the CloudBase adapter sends, as it sends it.
  standin.server.checkIndexes = true;
  const onCloud = await runSteps('cloudbase', cloud);
  const onSqlite = await runSteps('sqlite', sqlite);
  // The seeding's queries belong to the CloudBase run (they are the same actions on SQLite).
  onCloud.queries.unshift(...seedRun.queries);
  onCloud.ran.unshift(...seedRun.ran.filter((a) => !onCloud.ran.includes(a)));
  return {
    runs: [onCloud, onSqlite],
    sqlite,
    standin,
    sizes: counts,
    async close() {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CatalogueRow {
  collection: CollectionName;
  query: QueryShape;
  index: string | null;
  actions: string[];
}

/** One row per distinct query shape, with the actions that issue it and the index that serves it. */
export function catalogueRows(queries: RecordedQuery[]): CatalogueRow[] {
  const rows = new Map<string, CatalogueRow>();
  for (const q of queries) {
    const key = JSON.stringify(q.shape);
    const row = rows.get(key) ?? { collection: q.shape.collection, query: q.shape, index: servingIndex(q.shape), actions: [] };
    if (!row.actions.includes(q.action)) row.actions.push(q.action);
    rows.set(key, row);
  }
  return [...rows.values()]
    .map((r) => ({ ...r, actions: r.actions.sort() }))
    .sort((a, b) => a.collection.localeCompare(b.collection) || JSON.stringify(a.query).localeCompare(JSON.stringify(b.query)));
}

const fieldsOf = (index: string | null, collection: CollectionName) =>
  index === '_id' ? '`_id`' : index === '(whole)' ? '—' : index ? COLLECTIONS[collection].indexes.find((i) => i.name === index)!.fields.map((f) => `\`${f}\``).join(', ') : '**none**';

/** The contract's actions the scenario did not run. */
export function notRun(ran: string[]): string[] {
  return Object.entries(API).flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`)).filter((a) => !ran.includes(a));
}

/** docs/queries.md: which index serves which query of which action. */
export function queriesMarkdown(rows: CatalogueRow[], ran: string[]): string {
  const lines = [
    '# Queries and the indexes that serve them',
    '',
    'Generated by `npx tsx scripts/print-queries.ts` — do not edit by hand (test/store/query-catalogue.test.ts',
    'checks it is current). Every `find` and `count` the actions below issued while running through their',
    'handlers over the realistic data set (the 2022-12-01 list, 10,000 arrivals in 金城江区, 1,000 open',
    'appeals; test/support/cloud-fixture.ts), on the CloudBase adapter and on SQLite, with the index of',
    '`COLLECTIONS` that serves it: its leading fields are the query\'s equality fields (`=`, also `$in`),',
    'then its range (`≷`) or sort field, and it holds every other range and sort field. The adapters add',
    '`_id` as the last sort key themselves. Create the indexes as README "Deploying to WeChat cloud" lists',
    'them; a query served by no index would scan its collection. The policy version in force is looked up',
    '(`policyVersions`) by every action, once a day per instance: it is listed under the first ones that ran.',
    '',
    `Actions run (${ran.length}): ${ran.map((a) => `\`${a}\``).join(', ')}.`,
    '',
    `Not run by the scenario yet (their queries are not in this list): ${notRun(ran).map((a) => `\`${a}\``).join(', ')}.`,
    '',
    '| collection | query | index | fields | actions |',
    '|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.collection} | ${describeShape(r.query)} | ${r.index ?? '**none**'} | ${fieldsOf(r.index, r.collection)} | ${r.actions.map((a) => `\`${a}\``).join(' ')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
