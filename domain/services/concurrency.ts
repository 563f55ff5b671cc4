// Runs async work with at most `limit` in flight: a cloud database plan serves a few dozen
// connections for every instance together (同时连接数 20 on the base plan), so one call must not
// fire dozens of queries at once.
export async function mapLimited<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
