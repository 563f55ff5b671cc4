// mapLimited: at most `limit` in flight, results in input order, and a failure that waits for the
// items in flight (they write to the store: none may still be writing once the caller has answered).
import { mapLimited } from '../../domain/services/concurrency';

const tick = () => new Promise((r) => setTimeout(r, 1));

it('keeps at most the limit in flight and answers in input order', async () => {
  let inFlight = 0;
  let most = 0;
  const out = await mapLimited([5, 1, 4, 2, 3], 2, async (n) => {
    most = Math.max(most, ++inFlight);
    for (let i = 0; i < n; i++) await tick();
    inFlight--;
    return n * 10;
  });
  expect(out).toEqual([50, 10, 40, 20, 30]);
  expect(most).toBe(2);
});

it('after a failure starts nothing new and fails only once the items in flight have finished', async () => {
  const finished: number[] = [];
  const started: number[] = [];
  const call = mapLimited([0, 1, 2, 3, 4, 5], 3, async (n) => {
    started.push(n);
    if (n === 0) throw new Error('crash');
    for (let i = 0; i < 5; i++) await tick();
    finished.push(n);
  });
  await expect(call).rejects.toThrow('crash');
  // 1 and 2 were in flight when 0 failed: they finished before the call failed; nothing after them began.
  expect(finished.sort()).toEqual([1, 2]);
  expect(started.sort()).toEqual([0, 1, 2]);
});
