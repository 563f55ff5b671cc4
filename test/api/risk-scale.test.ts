// The worst day through the local host: the real list of 2022-12-01 (37,047 areas, 2.1 MB) uploaded,
// decided, previewed, published and queried — and no answer on the way grows with the list: every
// page stays under a fixed size, far inside a cloud function's 1 MB result.
import { riskFiles } from '../../bench/risk-days';
import { continueRiskJobs } from '../../domain/services/risk-job';
import { hechiPolicy } from '../../domain/policy';
import { divisions } from '../../domain/divisions';
import { startTestHost, type TestHost } from '../support/local-host';
import { uploadFile } from '../support/risk-files';

const PAGE_LIMIT_BYTES = 300 * 1024;
const sizeOf = (json: unknown) => Buffer.byteLength(JSON.stringify(json));

describe('the list of 2022-12-01', () => {
  let host: TestHost;
  let bureau: string;
  const sizes: Record<string, number> = {};
  const call = async (body: Record<string, unknown>) => {
    const res = await host.call('risk', body, bureau);
    expect([body.action, res.status]).toEqual([body.action, 200]);
    const key = String(body.action);
    sizes[key] = Math.max(sizes[key] ?? 0, sizeOf(res.json));
    return res.json.data;
  };
  beforeAll(async () => {
    host = await startTestHost(new Date('2022-12-01T04:00:00Z'));
    bureau = await host.signIn('demo-bureau');
  });
  afterAll(async () => {
    await host.close();
  });

  it('publishes with every page under a fixed size', async () => {
    const file = riskFiles().find((f) => f.date === '2022-12-01')!;
    const fileId = await uploadFile(host, bureau, file.name, file.bytes);
    const { draft } = await call({ action: 'upload', date: '2022-12-01', fileId, fileName: file.name });
    expect(draft.counts.entries.high).toBe(37_047);
    expect(draft.counts.low).toBe(1_875);

    // Every group, a page at a time; the biggest group's rows, a page at a time.
    let cursor: string | undefined;
    let groups = 0;
    let biggest = { id: '', rows: 0 };
    do {
      const page = await call({ action: 'groups', draftId: draft.draftId, limit: 100, ...(cursor ? { cursor } : {}) });
      groups += page.items.length;
      for (const g of page.items) if (g.rows > biggest.rows) biggest = { id: g.id, rows: g.rows };
      cursor = page.nextCursor;
    } while (cursor);
    expect(groups).toBe(draft.counts.groups);
    let rows = 0;
    cursor = undefined;
    do {
      const page = await call({ action: 'groupRows', draftId: draft.draftId, group: biggest.id, limit: 200, ...(cursor ? { cursor } : {}) });
      rows += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(rows).toBe(biggest.rows);

    const open = await call({ action: 'groups', draftId: draft.draftId, status: 'open', limit: 100 });
    for (const g of open.items) await call({ action: 'exclude', draftId: draft.draftId, list: 'areas', target: g.id, reason: '开发区无对应区划，由属地另行通报' });
    const { preview } = await call({ action: 'preview', draftId: draft.draftId });
    expect(preview.blockers).toEqual([]);
    await call({ action: 'publish', draftId: draft.draftId, confirm: true });
    const ctx = { store: host.store, files: { read: () => Promise.reject(new Error('none')), write: () => Promise.reject(new Error('none')) }, now: host.clock.now, identity: null, policy: hechiPolicy, divisions: divisions(), tokenSecret: 'x'.repeat(32) };
    await continueRiskJobs(ctx, 60_000);
    const { job } = await call({ action: 'job' });
    expect(job).toMatchObject({ status: 'done' });

    const versions = await call({ action: 'versions' });
    const v = versions.items[0];
    expect(v.areas).toBeGreaterThan(36_000);
    let areas = 0;
    cursor = undefined;
    let pages = 0;
    do {
      const page = await call({ action: 'versionAreas', versionId: v.versionId, limit: 200, ...(cursor ? { cursor } : {}) });
      areas += page.items.length;
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 40);
    expect(areas).toBe(Math.min(v.areas, 40 * 200));
    await call({ action: 'versionDiff', versionId: v.versionId, limit: 200 });
    // The city with the most areas that day: 重庆 (a municipality) answered a page at a time.
    const q = await call({ action: 'query', code: '5000', limit: 200 });
    expect(q.areas.total).toBeGreaterThan(200);
    expect(q.areas.items).toHaveLength(200);
    const district = await call({ action: 'query', code: '500103', limit: 200 });
    expect(district.hasRisk).toBe(true);

    for (const [action, bytes] of Object.entries(sizes)) expect([action, bytes < PAGE_LIMIT_BYTES]).toEqual([action, true]);
  }, 180_000);
});
