// A small closed-loop HTTP load generator: `concurrency` callers, each sending its next request when
// the previous one is answered, until `total` are done. Latencies are per request, wall clock.
//
// The client is node:http on keep-alive connections, one per caller: it measures the server, and on a
// 2-core machine it shares the cores with it. Node's fetch cost about as much CPU per request as the
// host itself (WHATWG streams, a Response object per answer), so it held the figure down with its own
// work. The requests are what a browser sends (JSON body, the cookie, accept-encoding as Chrome over
// HTTPS), and every answer is read whole, decoded and checked: status 200 and `ok: true`.
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** How the bench describes this client in its output. */
export const LOAD_CLIENT = 'node:http keep-alive client, accept-encoding gzip, deflate, br';

/** What Chrome sends over HTTPS (over plain HTTP it leaves out br); the host answers in br or gzip. */
const ACCEPT_ENCODING = 'gzip, deflate, br';

export interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50ms: number;
  p99ms: number;
}

export interface LoadOptions {
  url: string;
  total: number;
  concurrency: number;
  headers?: Record<string, string>;
  /** The JSON body of request number i. */
  body: (i: number) => unknown;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const decoders: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };

/** The answer's body as text, decoded as its content-encoding says (an unknown encoding throws). */
export function decodeBody(body: Buffer, encoding: string | undefined): string {
  if (!encoding || encoding === 'identity') return body.toString('utf8');
  const decode = decoders[encoding];
  if (!decode) throw new Error(`unexpected content-encoding ${encoding}`);
  return decode(body).toString('utf8');
}

/** An answer counts only when it is 200 and its body is the contract's `{ ok: true, ... }`. */
export function answeredOk(status: number | undefined, text: string): boolean {
  if (status !== 200) return false;
  try {
    return (JSON.parse(text) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}

function post(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve(answeredOk(res.statusCode, decodeBody(Buffer.concat(chunks), res.headers['content-encoding'])));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const url = new URL(options.url);
  // One connection per caller, kept open between its requests (as a browser keeps its connection).
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const headers = { 'content-type': 'application/json', 'accept-encoding': ACCEPT_ENCODING, ...options.headers };
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let i = next++; i < options.total; i = next++) {
      const t0 = process.hrtime.bigint();
      const ok = await post(agent, url, headers, JSON.stringify(options.body(i)));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!ok) failures++;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50ms: percentile(latencies, 50),
    p99ms: percentile(latencies, 99),
  };
}
