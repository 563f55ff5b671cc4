// A small closed-loop HTTP load generator: `concurrency` callers, each sending its next request when
// the previous one is answered, until `total` are done. Latencies are per request, wall clock.
//
// It measures the server, and on a 2-core machine it shares the cores with it, so it must cost the
// server's cores as little as it can: each caller is one kept-alive TCP connection speaking HTTP/1.1
// itself (as wrk or autocannon do), one write per request. Node's fetch cost about as much CPU per
// request as the host, node:http's client about a quarter of it. The requests are what a browser
// sends (JSON body, the cookie, accept-encoding as Chrome over HTTPS), and every answer is read whole
// (content-length or chunked), decoded and checked: status 200 and `ok: true`.
import { connect, type Socket } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** How the bench describes this client in its output. */
export const LOAD_CLIENT = 'HTTP/1.1 on kept-alive TCP connections, accept-encoding gzip, deflate, br';

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

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** Parses one whole answer at the start of `buf`: the answer and the bytes it took, or null while incomplete. */
export function parseAnswer(buf: Buffer): { answer: Answer; used: number } | null {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return null;
  const [statusLine, ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine!);
  if (!status) throw new Error(`not an HTTP answer: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let at = end + 4;
  if (headers['transfer-encoding']?.includes('chunked')) {
    const chunks: Buffer[] = [];
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
      if (!Number.isFinite(size)) throw new Error('bad chunk size');
      if (size === 0) {
        // No trailers from our hosts: the last chunk is followed by an empty line.
        if (buf.length < lineEnd + 4) return null;
        return { answer: { status: +status[1]!, headers, body: Buffer.concat(chunks) }, used: lineEnd + 4 };
      }
      if (buf.length < lineEnd + 2 + size + 2) return null;
      chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = Number(headers['content-length'] ?? NaN);
  if (!Number.isInteger(length)) throw new Error('an answer without content-length or chunked encoding');
  if (buf.length < at + length) return null;
  return { answer: { status: +status[1]!, headers, body: buf.subarray(at, at + length) }, used: at + length };
}

/** One caller's connection: one request at a time, reopened when the server closes it. */
class Connection {
  private socket: Socket | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private waiter: { resolve: (a: Answer) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly url: URL) {}

  private open(): Socket {
    const socket = connect({ host: this.url.hostname, port: Number(this.url.port || 80), noDelay: true });
    socket.on('data', (data: Buffer) => {
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      this.deliver();
    });
    const gone = (error?: Error) => {
      // A connection closed on purpose (connection: close) has already been replaced.
      if (this.socket !== socket) return;
      this.socket = null;
      const waiter = this.waiter;
      this.waiter = null;
      this.pending = Buffer.alloc(0);
      waiter?.reject(error ?? new Error('connection closed before the answer'));
    };
    socket.on('error', gone);
    socket.on('close', () => gone());
    return socket;
  }

  private deliver(): void {
    if (!this.waiter) return;
    let parsed: ReturnType<typeof parseAnswer>;
    try {
      parsed = parseAnswer(this.pending);
    } catch (e) {
      this.waiter.reject(e as Error);
      this.waiter = null;
      return;
    }
    if (!parsed) return;
    this.pending = this.pending.subarray(parsed.used);
    const waiter = this.waiter;
    this.waiter = null;
    if (parsed.answer.headers.connection === 'close') this.close();
    waiter.resolve(parsed.answer);
  }

  request(head: string, body: string): Promise<Answer> {
    this.socket ??= this.open();
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      // Head and body in one write: one segment for the server to read.
      this.socket!.write(head + body);
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const url = new URL(options.url);
  const headers: Record<string, string> = { host: url.host, 'content-type': 'application/json', 'accept-encoding': ACCEPT_ENCODING, connection: 'keep-alive', ...options.headers };
  const head = (length: number) =>
    `POST ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}content-length: ${length}\r\n\r\n`;
  // One connection per caller, kept open between its requests (as a browser keeps its connection).
  const connections: Connection[] = [];
  const started = process.hrtime.bigint();
  const worker = async () => {
    const connection = new Connection(url);
    connections.push(connection);
    for (let i = next++; i < options.total; i = next++) {
      const body = JSON.stringify(options.body(i));
      const t0 = process.hrtime.bigint();
      const answer = await connection.request(head(Buffer.byteLength(body)), body);
      const ok = answeredOk(answer.status, decodeBody(answer.body, answer.headers['content-encoding']));
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (!ok) failures++;
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    for (const c of connections) c.close();
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
