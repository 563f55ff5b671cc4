// The bench's load generator counts an answer only when it is 200 and `ok: true`, decoded from
// whatever encoding the server chose, and it asks for compression as a browser does.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { load } from '../../bench/load';

let server: Server;
let url: string;
const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const { answer } = JSON.parse(body) as { answer: string };
      if (answer === 'br-ok') return res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(JSON.stringify({ ok: true, data: {} })));
      if (answer === 'gzip-refused') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(JSON.stringify({ ok: false, error: { code: 'BAD_INPUT' } })));
      if (answer === 'plain-ok') return res.writeHead(200).end(JSON.stringify({ ok: true, data: {} }));
      if (answer === 'not-json') return res.writeHead(200).end('<html>');
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
