// Checkpoints of the SQLite write-ahead log in a worker thread of their own (issue 9). A checkpoint
// folds the log back into the database file and syncs both to disk; SQLite runs it inside whichever
// commit passes the size limit, so the writer waits for the disk. In a re-coding job of the worst day
// that was a third of the job's time (about 80 checkpoints of 64 MB, each ending in two fsyncs). Here
// a second connection, on another thread, does the same PASSIVE checkpoint after commits: it never
// blocks the writer or readers, the disk waits happen off the event loop, and the log stays short,
// because the next transaction that starts after a complete checkpoint starts the log over.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What the worker found in the log: frames written, and frames already in the database file. */
export interface WalState {
  log: number;
  checkpointed: number;
}

// The two threads share a few integers instead of exchanging messages: a writer deep in a long job
// never lets its event loop turn (its awaits are all settled promises), so it could not read replies.
const REQUESTED = 0; // commits so far, counted by the writer
const RUNNING = 1; // 1 while a checkpoint is under way
const LOG = 2;
const CHECKPOINTED = 3;
const DONE = 4; // checkpoints done
const CLOSE = 5;
const FAILED = 6;
const PAUSE = 7; // 1 while the writer starts the log over itself
const CELLS = 8;

// Plain JavaScript, evaluated by the worker: it must run the same under tsx, jest and a built host.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const state = new Int32Array(workerData.state);
const db = new Database(workerData.file, { fileMustExist: true });
let seen = 0;
for (;;) {
  // Sleeps until the writer counts another commit (at once if it already has). In slices of a second:
  // a thread blocked in Atomics.wait cannot be ended, and the process's exit waits for its threads.
  if (Atomics.wait(state, ${REQUESTED}, seen, 1000) === 'timed-out') continue;
  if (Atomics.load(state, ${CLOSE})) break;
  // Running is set before the pause is read, and the writer sets the pause before it reads running:
  // so the writer never sees this thread idle while it is about to begin.
  Atomics.store(state, ${RUNNING}, 1);
  if (Atomics.load(state, ${PAUSE})) {
    Atomics.store(state, ${RUNNING}, 0);
    Atomics.notify(state, ${RUNNING});
    Atomics.wait(state, ${PAUSE}, 1, 1000);
    continue;
  }
  seen = Atomics.load(state, ${REQUESTED});
  try {
    const [wal] = db.pragma('wal_checkpoint(PASSIVE)');
    Atomics.store(state, ${LOG}, wal.log);
    Atomics.store(state, ${CHECKPOINTED}, wal.checkpointed);
    Atomics.add(state, ${DONE}, 1);
  } catch (error) {
    Atomics.store(state, ${FAILED}, 1);
    parentPort.postMessage(String((error && error.message) || error));
    break;
  } finally {
    Atomics.store(state, ${RUNNING}, 0);
    Atomics.notify(state, ${RUNNING});
  }
}
db.close();
`;

export interface Checkpointer {
  /** A write was committed: fold the log in soon (at once when idle, else right after the current one). */
  committed(): void;
  /** A checkpoint is under way in the worker. */
  readonly running: boolean;
  /** The log as the last checkpoint left it (null before the first). */
  readonly last: WalState | null;
  /** Checkpoints done so far. */
  readonly count: number;
  /**
   * Holds the worker: it begins no checkpoint until `resume` (the one under way, if any, ends first:
   * see `running`). The writer's own RESTART checkpoint must not meet the worker's.
   */
  pause(): void;
  resume(): void;
  /** Closes the worker's connection and ends the thread. */
  close(): Promise<void>;
}

/**
 * Starts the worker for the database `file` (WAL mode, already created). `onFailure` is told once if
 * the worker cannot go on (the caller then checkpoints the usual way again).
 */
export function startCheckpointer(file: string, onFailure: (reason: string) => void): Checkpointer {
  const state = new Int32Array(new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: createRequire(__filename).resolve('better-sqlite3'), state: state.buffer } });
  // Never what keeps a process alive: a host or a script exits when its own work is done.
  worker.unref();
  let failed = false;
  let closed = false;
  let reason = 'checkpoint worker stopped';
  const fail = () => {
    if (failed) return;
    failed = true;
    onFailure(reason);
  };
  worker.on('message', (message: string) => (reason = message));
  worker.on('error', (error) => {
    reason = error.message;
    fail();
  });
  worker.on('exit', () => {
    if (!closed) fail();
  });
  return {
    committed() {
      if (failed || closed) return;
      if (Atomics.load(state, FAILED)) return fail();
      Atomics.add(state, REQUESTED, 1);
      Atomics.notify(state, REQUESTED);
    },
    get running() {
      return Atomics.load(state, RUNNING) === 1;
    },
    get last() {
      return Atomics.load(state, DONE) ? { log: Atomics.load(state, LOG), checkpointed: Atomics.load(state, CHECKPOINTED) } : null;
    },
    get count() {
      return Atomics.load(state, DONE);
    },
    pause() {
      Atomics.store(state, PAUSE, 1);
    },
    resume() {
      Atomics.store(state, PAUSE, 0);
      Atomics.notify(state, PAUSE);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (failed) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      Atomics.store(state, CLOSE, 1);
      Atomics.store(state, PAUSE, 0);
      Atomics.notify(state, PAUSE);
      Atomics.add(state, REQUESTED, 1);
      Atomics.notify(state, REQUESTED);
      // A worker stuck in a checkpoint is ended after a moment; the log it left is folded in at the
      // database's own close.
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
