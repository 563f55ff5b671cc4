// Answers are compressed only where it pays: a small API answer (a report submission) goes as it is,
// a big one (the villages of 九圩镇, ~4 KB) and the H5 bundle (test/api/local-signup.test.ts) are compressed.
import { brotliDecompressSync } from 'node:zlib';
import { COMPRESS_THRESHOLD_BYTES } from '../../host/app';
import { reportInput } from '../support/reports';
import { startTestHost } from '../support/local-host';

type Host = Awaited<ReturnType<typeof startTestHost>>;
let host: Host;
afterEach(async () => host?.app.close());

const post = (url: string, payload: unknown, cookie?: string) =>
  host.app.inject({ method: 'POST', url, payload: payload as object, headers: { 'accept-encoding': 'gzip, deflate, br', ...(cookie ? { cookie } : {}) } });

it('sends a report submission answer uncompressed, whole and with the security headers', async () => {
  host = await startTestHost();
  const cookie = await host.signIn('demo-arrival');
  const res = await post('/api/report', reportInput(host.clock.now), cookie);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-encoding']).toBeUndefined();
  expect(res.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
  expect(res.json()).toMatchObject({ ok: true });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
});

it('compresses an answer larger than the threshold', async () => {
  host = await startTestHost();
  const res = await post('/api/division', { action: 'children', code: '451202106' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  const text = brotliDecompressSync(res.rawPayload).toString();
  expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(COMPRESS_THRESHOLD_BYTES);
  expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(text));
  expect(JSON.parse(text)).toMatchObject({ ok: true });
});
