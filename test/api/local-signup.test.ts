// Local mode: a new resident signs up from the sign-in page (a demo or pilot is not limited to the
// seeded four); a bad name is refused naming the field and writes nothing; production has no sign-up.
// The host also compresses what it serves and lets the browser keep the hashed bundle files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { startTestHost, type TestHost } from '../support/local-host';
import { idNumber, reportInput } from '../support/reports';

let host: TestHost;
afterEach(() => host?.close());

const signUp = (name: unknown) => host.app.inject({ method: 'POST', url: '/local/signup', payload: { name } });

it('signs up a new resident, signed in at once, who files a report and sees a code', async () => {
  host = await startTestHost();
  const before = await host.store.count('accounts');
  const res = await signUp(' 陈小红 ');
  expect(res.statusCode).toBe(200);
  const { account } = res.json().data;
  expect(account).toMatchObject({ role: 'resident', name: '陈小红', id: expect.stringMatching(/^local-/) });
  expect(await host.store.count('accounts')).toBe(before + 1);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;

  expect((await host.call('account', { action: 'me' }, cookie)).json.data.account).toMatchObject({ name: '陈小红', role: 'resident' });
  const report = await host.call('report', reportInput(host.clock.now, { name: '陈小红', idNumber: idNumber('19950505', '555') }), cookie);
  expect(report.status).toBe(200);
  expect((await host.call('code', { action: 'mine' }, cookie)).json.data.decision.code).toBe('green');
  // The new account is offered on the sign-in page next time.
  const listed = (await host.app.inject({ method: 'GET', url: '/local/accounts' })).json().data.accounts;
  expect(listed.map((a: { name: string }) => a.name)).toContain('陈小红');
});

it.each([
  ['empty', '', '请填写姓名'],
  ['not a name', '<script>', '姓名只能包含汉字、字母和间隔号'],
  ['not a string', 42, '请填写姓名'],
])('refuses a %s name, naming the field, and writes nothing', async (_what, name, message) => {
  host = await startTestHost();
  const before = await host.store.count('accounts');
  const res = await signUp(name);
  expect(res.statusCode).toBe(400);
  expect(res.json().error).toMatchObject({ code: 'BAD_INPUT', field: 'name', message });
  expect(await host.store.count('accounts')).toBe(before);
});

it('has no sign-up in production mode', async () => {
  host = await startTestHost(undefined, { local: false });
  expect((await signUp('陈小红')).statusCode).toBe(404);
});

describe('serving the H5 build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'saoma-static-'));
    mkdirSync(join(dir, 'js'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body><div id="app"></div></body></html>');
    writeFileSync(join(dir, 'js', 'app.0123abcd.js'), `console.log(${JSON.stringify('扫码抗疫情'.repeat(400))});`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('compresses a bundle file and lets the browser keep it; the page itself is checked each time', async () => {
    host = await startTestHost(undefined, { staticDir: dir });
    const js = await host.app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.rawPayload.length).toBeLessThan(1000);
    expect(brotliDecompressSync(js.rawPayload).toString()).toContain('扫码抗疫情');

    const page = await host.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(page.headers['cache-control']).toBe('no-cache');
    // Without accept-encoding, the plain file.
    const plain = await host.app.inject({ method: 'GET', url: '/js/app.0123abcd.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('扫码抗疫情');
  });
});
