// The bench's load generator counts an answer only when it is 200 and `ok: true`, decoded from
// whatever encoding the server chose, and it asks for compression as a browser does.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { load } from '../../bench/load';
import { reportInput } from '../support/reports';
import { startTestHost } from '../support/local-host';

let server: Server;
let url: string;
const seen: Array<{ headers: IncomingHttpHeaders; body: string; socket: unknown }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body, socket: req.socket });
      const { answer } = JSON.parse(body) as { answer: string };
      if (answer === 'br-ok') return res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(JSON.stringify({ ok: true, data: {} })));
      if (answer === 'gzip-refused') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ ok: false, error: { code: 'BAD_INPUT' } })));
      if (answer === 'plain-ok') return res.writeHead(200).end(JSON.stringify({ ok: true, data: {} }));
      if (answer === 'not-json') return res.writeHead(200).end('<html>');
      if (answer === 'chunked-ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"ok":');
        return setTimeout(() => res.end('true,"data":{}}'), 5);
      }
      if (answer === 'close-ok') return res.writeHead(200, { connection: 'close' }).end(JSON.stringify({ ok: true, data: {} }));
      return res.writeHead(500).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/x`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('counts only 200 answers whose decoded body says ok: true, over kept-alive connections', async () => {
  seen.length = 0;
  const answers = ['br-ok', 'gzip-refused', 'plain-ok', 'status-500', 'not-json', 'br-ok'];
  const r = await load({ url, total: answers.length, concurrency: 2, headers: { cookie: 'sid=abc' }, body: (i) => ({ answer: answers[i] }) });
  expect(r.requests).toBe(6);
  expect(r.failures).toBe(3);
  expect(seen.map((s) => JSON.parse(s.body).answer).sort()).toEqual([...answers].sort());
  for (const s of seen) {
    expect(s.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(s.headers.cookie).toBe('sid=abc');
    expect(s.headers['content-type']).toBe('application/json');
    expect(s.headers.connection).toBe('keep-alive');
  }
});

it('reads chunked answers, and opens a new connection when the server closes one', async () => {
  seen.length = 0;
  const answers = ['chunked-ok', 'close-ok', 'plain-ok', 'chunked-ok', 'close-ok', 'br-ok', 'status-500'];
  const r = await load({ url, total: answers.length, concurrency: 1, body: (i) => ({ answer: answers[i] }) });
  expect(r).toMatchObject({ requests: 7, failures: 1 });
  // One caller: requests 1-2 on the first connection, 3-5 on the second, 6-7 on the third.
  expect(new Set(seen.map((s) => s.socket)).size).toBe(3);
});

it('drives the real host: every submission answered ok and stored once, on one connection per caller', async () => {
  const host = await startTestHost(new Date(), { rateLimits: false });
  try {
    const cookie = await host.signIn('demo-arrival');
    await host.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = host.app.server.address() as AddressInfo;
    const sockets = new Set<unknown>();
    host.app.server.on('connection', (s) => sockets.add(s));
    const before = await host.store.count('reports');
    const r = await load({ url: `http://127.0.0.1:${port}/api/report`, total: 40, concurrency: 4, headers: { cookie }, body: () => reportInput(host.clock.now, { requestId: randomUUID() }) });
    expect(r).toMatchObject({ requests: 40, failures: 0 });
    expect((await host.store.count('reports')) - before).toBe(40);
    expect(sockets.size).toBe(4);
    // A refused call (no cookie) counts as a failure.
    const refused = await load({ url: `http://127.0.0.1:${port}/api/report`, total: 3, concurrency: 1, body: () => reportInput(host.clock.now, { requestId: randomUUID() }) });
    expect(refused).toMatchObject({ requests: 3, failures: 3 });
  } finally {
    await host.close();
  }
});
