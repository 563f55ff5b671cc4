// Production never runs an unindexed query (issue 10): every find and count the actions issue over
// the realistic data set, on both adapters, is served by an index of COLLECTIONS; on SQLite no
// query of a large collection plans a full SCAN; docs/queries.md shows the deployer the same list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeShape } from '../../domain/store/index-use';
import { buildCatalogue, catalogueRows, queriesMarkdown, type Catalogue } from '../support/query-catalogue';

jest.setTimeout(120_000);

let catalogue: Catalogue;
beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined); // the jobs' run logs
  catalogue = await buildCatalogue();
});
afterAll(() => catalogue?.close());

/** A collection holding at least this many documents in the data set is large: a scan of it is a bug. */
const LARGE = 1_000;

describe.each(['cloudbase', 'sqlite'] as const)('on %s', (adapter) => {
  const run = () => catalogue.runs.find((r) => r.adapter === adapter)!;

  it('the scenario runs every action through its handler without an error', () => {
    expect(run().failed).toEqual([]);
    // The residents' pages, every staff list, decisions that write, and both timers' jobs.
    expect(run().ran).toEqual(
      expect.arrayContaining(['code.mine', 'report.submit', 'arrivals.list', 'appeal.queue', 'appeal.answer', 'conversions.list', 'dashboard.daily', 'staff.searchAudit', 'checkpoint.verify', 'risk.versions', 'appealSweep', 'riskJob']),
    );
    expect(run().queries.length).toBeGreaterThan(100);
  });

  it('every query is served by an index whose leading fields are its equality fields, then its range or sort field', () => {
    const unserved = catalogueRows(run().queries)
      .filter((r) => r.index === null)
      .map((r) => `${r.collection} ${describeShape(r.query)} (${r.actions.join(' ')})`);
    expect(unserved).toEqual([]);
  });
});

it('the CloudBase stand-in saw no request that no index holds', () => {
  expect([...catalogue.standin.server.unindexed]).toEqual([]);
});

it('on SQLite, EXPLAIN QUERY PLAN shows no full SCAN of a large collection', () => {
  const sqlite = catalogue.runs.find((r) => r.adapter === 'sqlite')!;
  const seen = new Set<string>();
  const scans: string[] = [];
  for (const q of sqlite.queries) {
    const key = JSON.stringify(q.shape);
    if (seen.has(key)) continue;
    seen.add(key);
    const { collection } = q.shape;
    const plan = q.shape.kind === 'find' ? catalogue.sqlite.explainFind(collection, { where: q.where, orderBy: q.orderBy, limit: 100 }) : catalogue.sqlite.explainCount(collection, q.where);
    // "SCAN reports" and "SCAN reports USING INDEX …" both read every row of the table or index.
    if ((catalogue.sizes.get(collection) ?? 0) >= LARGE && plan.some((line) => line.startsWith(`SCAN ${collection}`))) {
      scans.push(`${collection} ${describeShape(q.shape)}: ${plan.join('; ')}`);
    }
  }
  expect(seen.size).toBeGreaterThan(30);
  expect(scans).toEqual([]);
  // The check can fail: a query on a field no index holds plans a full SCAN.
  expect(catalogue.sqlite.explainFind('reports', { where: { transportNo: 'D3456' } }).some((l) => l.startsWith('SCAN reports'))).toBe(true);
});

it('both adapters issue the same queries for the same actions (the domain, not the adapter, decides them)', () => {
  const [cloud, sqlite] = catalogue.runs;
  // Not per action: the policy-in-force lookup is made once a day per store (policy-in-force.ts), by
  // whichever action comes first — on CloudBase that was the seeding's report.submit.
  const shapes = (queries: typeof cloud.queries, actions: Set<string>) =>
    [...new Set(queries.filter((q) => actions.has(q.action)).map((q) => `${q.shape.collection} ${describeShape(q.shape)}`))].sort();
  const both = new Set(sqlite!.ran);
  expect(shapes(cloud!.queries, both)).toEqual(shapes(sqlite!.queries, both));
});

it('docs/queries.md is current (npx tsx scripts/print-queries.ts)', () => {
  const [cloud] = catalogue.runs;
  const file = readFileSync(join(__dirname, '../../docs/queries.md'), 'utf8');
  expect(file).toBe(queriesMarkdown(catalogueRows(cloud!.queries), cloud!.ran));
});
