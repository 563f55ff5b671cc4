// Fault injection for crash tests: the store, failing like a crash (a timeout, a lost instance) right
// after its k-th write — the write itself made. Reads, transactions and batches pass through, so a
// crash inside a transaction rolls it back exactly as a real one would.
import type { Store } from '../../domain/store/port';

export class Crash extends Error {
  constructor(readonly k: number) {
    super(`crash after write ${k}`);
    this.name = 'Crash';
  }
}

export type CrashingStore = Store & { readonly writes: number };

/** `k` = Infinity counts the writes of a clean run. */
export function crashingAfter(store: Store, k: number): CrashingStore {
  let writes = 0;
  const proxy = Object.create(store) as Store;
  for (const method of ['insert', 'put', 'update'] as const) {
    Object.defineProperty(proxy, method, {
      value: async (...args: unknown[]) => {
        const result = await (store[method] as (...a: unknown[]) => Promise<unknown>)(...args);
        if (++writes === k) throw new Crash(k);
        return result;
      },
    });
  }
  Object.defineProperty(proxy, 'writes', { get: () => writes });
  return proxy as CrashingStore;
}
