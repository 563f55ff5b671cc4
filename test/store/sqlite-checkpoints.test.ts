// Checkpoints in a worker thread (adapters/sqlite-checkpointer.ts): the writer's commits no longer fold
// the log into the database themselves, yet the log is folded in, starts over, and nothing is lost.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore, type SqliteStore } from '../../adapters/sqlite';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-ckpt-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let seq = 0;
const fileOf = () => path.join(dir, `c${++seq}.db`);

/** A code-sized document with a unique filler, so each one takes room in the log. */
const doc = (i: number) => ({ _id: `p_${i}`, accountId: `a_${i}`, color: 'yellow' as const, category: 'B' as const, reportId: `r_${i}`, updatedAt: '2022-12-01T04:00:00.000Z', decision: { reason: `${i}`.padEnd(900, '码') } as never });

/** Writes `n` documents in transactions of `per`, back to back, as a job's batches do. */
async function writeBatches(store: SqliteStore, n: number, per: number): Promise<void> {
  for (let i = 0; i < n; i += per) {
    await store.transaction!(async () => {
      for (let k = i; k < Math.min(n, i + per); k++) await store.put('codes', doc(k));
    });
  }
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('SQLite background checkpoints', () => {
  it('are off unless asked for: SQLite checkpoints inside commits as usual', async () => {
    const store = createSqliteStore(fileOf());
    await store.migrate();
    expect(store.checkpoints().background).toBe(false);
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16384);
    await store.close();
  });

  it('fold the log into the database file from the worker, not in the writer\'s commits', async () => {
    const file = fileOf();
    const store = createSqliteStore(file, { backgroundCheckpoints: true });
    await store.migrate();
    try {
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = fs.statSync(file).size;
    await writeBatches(store, 2_000, 100);
    // The pages reach the database file itself (not only the log) with no checkpoint by the writer.
    await until(() => store.checkpoints().done > 0 && fs.statSync(file).size > before + 1_000_000);
    const outside = new Database(file, { readonly: true });
    expect(outside.prepare('SELECT count(*) AS n FROM codes').get()).toEqual({ n: 2_000 });
    outside.close();
    } finally {
      await store.close();
    }
  });

  it('start an overlong log over, though the writer never pauses, and lose nothing', async () => {
    const file = fileOf();
    // A 1 MB limit (256 pages) stands for the host's 256 MB.
    const store = createSqliteStore(file, { backgroundCheckpoints: true, restartLogFrames: 256 });
    await store.migrate();
    try {
    // Once the worker is up (a thread start and a driver load: the writer would get well ahead first).
    await store.put('codes', doc(0));
    await until(() => store.checkpoints().done > 0);
    // About 24 MB (some 6,000 pages) through the log, in 240 transactions with no pause between them.
    await writeBatches(store, 24_000, 100);
    const stats = store.checkpoints();
    expect(stats.restarts).toBeGreaterThan(0);
    // Started over, the log never held more than a few times the limit (without restarts: all 6,000).
    expect(stats.longestLog).toBeLessThan(256 * 12);
    expect(await store.count('codes')).toBe(24_000);
    } finally {
      await store.close();
    }
    // Closed cleanly: the worker's connection went first, the writer's close folded the log in and removed it.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = createSqliteStore(file, { backgroundCheckpoints: true });
    expect(await reopened.get('codes', 'p_23999')).toEqual(doc(23_999));
    await reopened.close();
  });
});
