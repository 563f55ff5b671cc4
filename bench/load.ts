// A small closed-loop HTTP load generator: `concurrency` callers, each sending its next request when
// the previous one is answered, until `total` are done. Latencies are per request, wall clock.
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

export async function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    for (let i = next++; i < options.total; i = next++) {
      const t0 = process.hrtime.bigint();
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: JSON.stringify(options.body(i)),
      });
      await res.arrayBuffer();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (res.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
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
