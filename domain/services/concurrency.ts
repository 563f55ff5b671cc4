// Runs async work with at most `limit` in flight: a cloud database plan serves a few dozen
// connections for every instance together (同时连接数 20 on the base plan), so one call must not
// fire dozens of queries at once.
// After a failure no new item starts, and the call fails only once the items in flight have settled:
// with Promise.all's early rejection they went on writing after the caller had answered (after a
// transaction had rolled back, or while a retry ran), so a retry converted a person twice.
export async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        out[i] = await run(items[i]!);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
  return out;
}
