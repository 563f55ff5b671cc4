// Connections with limits and answers with security headers (issue 13, Medium 4 and Low). Before,
// 19,990 half-open sockets from one client exhausted the host's file descriptors, and silent or
// slow-body sockets stayed open for over 130 s. These run a real listening host with short limits.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startTestHost, type TestHost } from '../support/local-host';
import { freePort } from '../../bench/processes';

const LIMITS = {
  headersTimeoutMs: 400,
  requestTimeoutMs: 800,
  keepAliveTimeoutMs: 300,
  idleTimeoutMs: 2_000,
  checkIntervalMs: 50,
  maxConnections: 100,
  maxConnectionsPerClient: 20,
};

let host: TestHost & { dir: string };
let port: number;
beforeAll(async () => {
  host = await startTestHost(undefined, { limits: LIMITS });
  await host.app.listen({ port: 0, host: '127.0.0.1' });
  port = (host.app.server.address() as { port: number }).port;
});
afterAll(() => host.close());

/** Opens a socket and resolves with how long the server kept it (ms), and what it said. */
function held(drive: (socket: Socket) => void): Promise<{ ms: number; said: string }> {
  return new Promise((done) => {
    const t = performance.now();
    let said = '';
    const socket = connect(port, '127.0.0.1', () => drive(socket));
    socket.on('data', (d) => (said += d.toString()));
    socket.on('error', () => {});
    socket.on('close', () => done({ ms: performance.now() - t, said }));
  });
}

it('a silent socket (no headers) is closed after the header timeout', async () => {
  const { ms } = await held(() => {});
  expect(ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
  expect(ms).toBeLessThan(LIMITS.headersTimeoutMs + 1500);
});

it('a slow body is cut off at the request timeout', async () => {
  let timer: NodeJS.Timeout | undefined;
  const { ms, said } = await held((s) => {
    s.write('POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{');
    timer = setInterval(() => s.writable && s.write(' '), 100);
  });
  clearInterval(timer);
  expect(ms).toBeLessThan(LIMITS.requestTimeoutMs + 1500);
  expect(said).toMatch(/^HTTP\/1\.1 408/);
});

it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
  const { ms, said } = await held((s) => s.write('GET /local/clock HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n'));
  expect(said).toMatch(/^HTTP\/1\.1 200/);
  expect(ms).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1500);
});

it('one client cannot hold more than its share of connections; others are served meanwhile', async () => {
  const sockets: Socket[] = [];
  const closedEarly: boolean[] = [];
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      new Promise<void>((ok) => {
        const s = connect(port, '127.0.0.1', () => ok());
        s.on('error', () => {});
        s.on('close', () => (closedEarly[i] = true));
        sockets.push(s);
      }),
    ),
  );
  await new Promise((r) => setTimeout(r, 100));
  expect(closedEarly.filter(Boolean).length).toBeGreaterThanOrEqual(40 - LIMITS.maxConnectionsPerClient);
  for (const s of sockets) s.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const res = await fetch(`http://127.0.0.1:${port}/local/clock`);
  expect(res.status).toBe(200);
});

it('every answer carries the security headers; the CSP allows exactly the page\'s inline script', async () => {
  const res = await host.app.inject({ method: 'POST', url: '/api/code', payload: { action: 'mine' } });
  expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");

  const dist = join(host.dir, 'h5');
  mkdirSync(dist, { recursive: true });
  const inline = 'document.documentElement.style.fontSize="20px"';
  writeFileSync(join(dist, 'index.html'), `<html><head><script>${inline}</script><script src="/js/app.js"></script></head><body></body></html>`);
  const withPage = await startTestHost(undefined, { staticDir: dist });
  try {
    const page = await withPage.app.inject({ method: 'GET', url: '/' });
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(String(page.headers['content-security-policy'])).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  } finally {
    await withPage.close();
  }
});

it('the database file is readable by its owner only', () => {
  expect(statSync(join(host.dir, 'test.db')).mode & 0o777).toBe(0o600);
});

it('production mode seeds nothing: no demo accounts, no sign-in', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'saoma-prod-'));
  const prodPort = await freePort();
  const root = resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'host/main.ts')], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(prodPort) },
    stdio: 'ignore',
  });
  try {
    let up = false;
    for (let i = 0; i < 150 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${prodPort}/api/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"me"}' })
        .then((r) => r.status === 401)
        .catch(() => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    expect(up).toBe(true);
    expect((await fetch(`http://127.0.0.1:${prodPort}/local/accounts`)).status).toBe(404);
    const db = new Database(join(dataDir, 'saoma.db'), { readonly: true });
    const accounts = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'accounts'").get() as { n: number };
    const n = accounts.n ? (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n : 0;
    db.close();
    expect(n).toBe(0);
  } finally {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
