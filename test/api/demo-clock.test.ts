// The demo clock (issue 13, Medium 6): before, anyone — not signed in — could move the one global clock
// up to 365 days, turning early conversions into due ones and stamping audit entries 30 days ahead.
// Only the Bureau's demo account moves it; every page shows it while moved; audit entries keep both
// the real and the demo time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHost, type TestHost } from '../support/local-host';

let host: TestHost & { dir: string };
beforeEach(async () => {
  host = await startTestHost();
});
afterEach(() => host.close());

const move = (offsetDays: unknown, cookie?: string) =>
  host.app.inject({ method: 'POST', url: '/local/clock', payload: { offsetDays }, ...(cookie ? { headers: { cookie } } : {}) });

it('nobody signed in, and no account but the Bureau\'s demo account, can move it; refusals are audited', async () => {
  expect((await move(30)).statusCode).toBe(401);
  for (const id of ['demo-arrival', 'demo-platform', 'demo-area-admin']) {
    const res = await move(30, await host.signIn(id));
    expect([id, res.statusCode]).toEqual([id, 403]);
    expect(res.json().error.message).toContain('市大数据发展局');
  }
  expect((await host.app.inject({ method: 'GET', url: '/local/clock' })).json().data.offsetDays).toBe(0);
  const refused = await host.store.find('auditLog', { where: { action: 'clock.move' } });
  expect(refused.map((a) => [a.actorId, (a.after as { refused?: boolean }).refused])).toEqual(
    expect.arrayContaining([['demo-arrival', true], ['demo-platform', true], ['demo-area-admin', true]]),
  );
});

it('the Bureau\'s demo account moves it by whole days; the move and later audit entries keep real and demo time', async () => {
  const bureau = await host.signIn('demo-bureau');
  for (const offsetDays of [-1, 1.5, '8', 400]) expect((await move(offsetDays, bureau)).statusCode).toBe(400);
  const res = await move(8, bureau);
  expect(res.statusCode).toBe(200);
  expect(res.json().data.offsetDays).toBe(8);
  expect(Date.parse(res.json().data.now)).toBe(host.clock.now.getTime() + 8 * 86_400_000);

  const [entry] = await host.store.find('auditLog', { where: { action: 'clock.move' } });
  expect(entry).toMatchObject({ actorId: 'demo-bureau', before: { offsetDays: 0 }, after: { offsetDays: 8 } });
  // A staff action while moved: its entry carries the real time beside the demo time.
  await host.call('staff', { action: 'searchAudit' }, bureau);
  const [search] = await host.store.find('auditLog', { where: { action: 'audit.search' } });
  expect(Date.parse(search!.at) - Date.parse(search!.realAt!)).toBe(8 * 86_400_000);
  expect(search!.realAt).toBe(host.clock.now.toISOString());

  await move(0, bureau);
  await host.call('staff', { action: 'searchAudit' }, bureau);
  const after = await host.store.find('auditLog', { where: { action: 'audit.search', at: host.clock.now.toISOString() } });
  expect(after.map((a) => a.realAt)).toEqual([undefined]);
});

it('every page of the H5 app loads the banner that shows the moved clock', async () => {
  const dist = join(host.dir, 'h5');
  mkdirSync(dist);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>扫码抗疫情</title><script>var x=1;</script></head><body><div id="app"></div></body></html>');
  const withPage = await startTestHost(undefined, { staticDir: dist });
  try {
    const page = await withPage.app.inject({ method: 'GET', url: '/' });
    expect(page.body).toContain('<script defer="defer" src="/local/clock-banner.js"></script></head>');
    const script = await withPage.app.inject({ method: 'GET', url: '/local/clock-banner.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.body).toContain('演示时钟已调快');
    // The banner reads this, signed in or not.
    expect((await withPage.app.inject({ method: 'GET', url: '/local/clock' })).json().data).toMatchObject({ offsetDays: 0 });
  } finally {
    await withPage.close();
  }
});
