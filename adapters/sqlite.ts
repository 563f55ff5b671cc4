// The embedded store (local mode, tests, benchmarks): one SQLite table per collection holding the
// document as JSON, with a generated column per indexed field path so the indexes declared in
// COLLECTIONS are real SQLite indexes and queries on those fields never scan the table.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COLLECTIONS, type CollectionName, type Collections } from '../domain/store/collections';
import { DuplicateKeyError, type FindOptions, type Scalar, type Store, type Where } from '../domain/store/port';
import { assertCollection, assertFieldPath, toChecks, toPaging, uniqueIndexes, type Check } from './where';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer';

/** Bump when migrate() gains a step; each step below `SCHEMA_VERSION` runs once, in order. */
export const SCHEMA_VERSION = 2;

const MIGRATION_NOTES: Record<number, string> = {
  1: 'tables (_id, doc JSON), generated columns and indexes derived from COLLECTIONS',
  2: 'codes.countyCode: the county handling the report each code rests on',
};

/** What a version does beyond the tables and indexes COLLECTIONS gives (run once, in order). */
const MIGRATION_STEPS: Record<number, (db: Database.Database) => void> = {
  // Codes written before they carried their county: the handling's area (a transfer), else the
  // report's destination. The conversion worklists find a county's codes by it.
  2: (db) =>
    db.exec(`UPDATE codes SET doc = json_set(doc, '$.countyCode', COALESCE(
        (SELECT json_extract(h.doc, '$.area.countyCode') FROM handling h WHERE h._id = json_extract(codes.doc, '$.reportId')),
        (SELECT json_extract(r.doc, '$.destination.countyCode') FROM reports r WHERE r._id = json_extract(codes.doc, '$.reportId'))))
      WHERE json_extract(doc, '$.countyCode') IS NULL
        AND EXISTS (SELECT 1 FROM reports r WHERE r._id = json_extract(codes.doc, '$.reportId'))`),
};

export interface SqliteStore extends Store {
  changeMark(collection: CollectionName): string;
  /** EXPLAIN QUERY PLAN of the statement `find` would run — for tests and benchmarks. */
  explainFind<C extends CollectionName>(collection: C, options?: FindOptions): string[];
  /** EXPLAIN QUERY PLAN of the statement `count` would run. */
  explainCount<C extends CollectionName>(collection: C, where?: Where): string[];
  /** The connection, for benchmarks and diagnostics only (its writes bypass changeMark: close and reopen after them). */
  readonly db: Database.Database;
  /** How the write-ahead log has been checkpointed (background worker), for tests and benchmarks. */
  checkpoints(): CheckpointStats;
}

export interface CheckpointStats {
  /** The worker checkpoints (false: SQLite does, inside commits). */
  background: boolean;
  /** Checkpoints the worker has done. */
  done: number;
  /** Times the writer started an overlong log over itself. */
  restarts: number;
  /** The longest log a checkpoint found, in frames (pages). */
  longestLog: number;
}

type Statement = Database.Statement<unknown[]>;

/** The transaction (or batch) using the connection; identity only. */
type Holder = Record<string, never>;

/** Index names are global in SQLite: prefix with the table so `reports.account_request` cannot clash. */
function indexName(collection: string, name: string): string {
  return `ix_${collection}__${name}`;
}

/** The generated column for a field path; quoted, and the path was validated, so it is a safe identifier. */
function columnOf(field: string): string {
  return `"$.${field}"`;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** better-sqlite3 cannot bind booleans; json_extract yields 1/0 for JSON true/false, so bind those. */
function bindable(value: Scalar): string | number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function indexedFields(collection: CollectionName): Set<string> {
  const fields = new Set<string>();
  for (const index of COLLECTIONS[collection].indexes) {
    for (const field of index.fields) {
      assertFieldPath(field);
      if (field !== '_id') fields.add(field);
    }
  }
  return fields;
}

export interface SqliteOptions {
  /**
   * Checkpoint the write-ahead log from a worker thread (./sqlite-checkpointer.ts) instead of inside
   * commits: the host and the benchmarks turn it on; tests open many small files and leave it off.
   */
  backgroundCheckpoints?: boolean;
  /** With the worker: the log length (frames) at which the writer starts it over (tests shrink it). */
  restartLogFrames?: number;
}

/** SQLite's own automatic checkpoint, in pages of the log (64 MB): used without the worker, or if it fails. */
const AUTOCHECKPOINT_PAGES = 16384;
/**
 * With the worker: a log this long (256 MB) is started over by the writer itself, between two of its
 * transactions. The log restarts by itself whenever a transaction begins after a complete checkpoint;
 * a writer that never pauses (a long job) could otherwise keep it growing.
 */
const RESTART_FRAMES = 65536;
// (A frame is a page: 4 KB.)

export function createSqliteStore(file: string, options: SqliteOptions = {}): SqliteStore {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Personal data: the file (and its WAL and shared-memory files, which SQLite creates with the
    // database's mode) readable by its owner only.
    fs.closeSync(fs.openSync(file, 'a', 0o600));
    fs.chmodSync(file, 0o600);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Several processes (host, scripts) may open the same file: wait for the lock instead of failing.
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL survives application crashes; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  // A 64 MB page cache (the default is 2 MB): a re-coding job reads reports all over a large file.
  db.pragma('cache_size = -65536');
  // Checkpoint the write-ahead log every 64 MB instead of every 4 MB: a job's batch writes thousands of
  // documents, and folding them into the file after each batch cost a quarter of a re-coding run.
  db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  let checkpointer: Checkpointer | null = null;
  if (options.backgroundCheckpoints && file !== ':memory:') {
    db.pragma('wal_autocheckpoint = 0');
    // A log started over keeps its file's size: cut it back to 64 MB then.
    db.pragma('journal_size_limit = 67108864');
    checkpointer = startCheckpointer(path.resolve(file), (reason) => {
      console.error(`SQLite checkpoint worker stopped (${reason}); checkpointing in commits again`);
      checkpointer = null;
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    });
  }
  const restartFrames = options.restartLogFrames ?? RESTART_FRAMES;
  let restartedAfter = -1;
  let restarts = 0;
  let longestLog = 0;
  let restartPending = false;
  /**
   * Called right before a transaction begins (nothing of ours is open). The log starts over by itself
   * only when a transaction begins after a complete checkpoint; a writer that never pauses (a long
   * job) stays a checkpoint ahead, so past `restartFrames` it starts the log over itself. It never
   * waits for the worker: it holds it (no new checkpoint) and restarts at the first transaction that
   * finds it idle, copying only what the worker had not yet folded in.
   */
  const restartLongLog = () => {
    const c = checkpointer;
    if (!c?.last) return;
    longestLog = Math.max(longestLog, c.last.log);
    if (db.inTransaction) return;
    if (!restartPending) {
      if (c.last.log < restartFrames || restartedAfter === c.count) return;
      c.pause();
      restartPending = true;
    }
    if (c.running) return;
    const [result] = db.pragma('wal_checkpoint(RESTART)') as Array<{ busy: number }>;
    if (result?.busy) return;
    restartPending = false;
    restartedAfter = c.count;
    restarts++;
    c.resume();
  };
  /** After a write outside a transaction (it committed by itself) or a COMMIT. */
  const committed = () => {
    if (!db.inTransaction) checkpointer?.committed();
  };

  // One connection, async callers: an open transaction would see (and expose) the writes of any other
  // action that awaits in between. So a transaction (or batch) holds the connection alone: the next
  // one queues behind it, and a plain read or write from outside waits until it has committed.
  // AsyncLocalStorage tells a call made by the holder (which must go through) from everyone else's.
  const holders = new AsyncLocalStorage<Holder>();
  let holder: Holder | null = null;
  let released: Promise<void> = Promise.resolve();
  let queue: Promise<void> = Promise.resolve();
  const holdsConnection = () => holder !== null && holders.getStore() === holder;
  // Callers loop `while (outsider()) await released;` right before their synchronous SQL: no await
  // may come between the check and the statement, or a transaction could start in between.
  const outsider = () => holder !== null && holders.getStore() !== holder;
  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const before = queue;
    let leave!: () => void;
    queue = new Promise((resolve) => (leave = resolve));
    await before;
    while (outsider()) await released;
    const mine: Holder = {};
    let done!: () => void;
    released = new Promise((resolve) => (done = resolve));
    holder = mine;
    try {
      return await holders.run(mine, fn);
    } finally {
      // Work the holder left running (not awaited) is outside from now on.
      holder = null;
      done();
      leave();
    }
  }
  // Which field paths have a generated column; refreshed by migrate() when COLLECTIONS grows.
  const indexed = new Map<CollectionName, Set<string>>();
  const refreshIndexed = () => {
    for (const name of Object.keys(COLLECTIONS) as CollectionName[]) indexed.set(name, indexedFields(name));
  };
  refreshIndexed();

  // Prepared statements cached per query shape (collection + fields + operators + $in arity).
  const statements = new Map<string, Statement>();
  function prepare(key: string, sql: string): Statement {
    let statement = statements.get(key);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(key, statement);
    }
    return statement;
  }

  /** SQL for a field: the primary key, its generated column, or json_extract with a bound path. */
  function fieldSql(collection: CollectionName, field: string, params: unknown[]): string {
    if (field === '_id') return '_id';
    if (indexed.get(collection)!.has(field)) return columnOf(field);
    params.push(`$.${field}`);
    return 'json_extract(doc, ?)';
  }

  function whereSql(collection: CollectionName, checks: Check[], params: unknown[]): { sql: string; shape: string } {
    const parts: string[] = [];
    const shape: string[] = [];
    for (const check of checks) {
      if (check.op === 'in') {
        const values = check.value as Scalar[];
        const nonNull = values.filter((v) => v !== null);
        const hasNull = nonNull.length !== values.length;
        const alternatives: string[] = [];
        if (nonNull.length) {
          // fieldSql per use: a json_extract column binds its path each time it appears.
          alternatives.push(`${fieldSql(collection, check.field, params)} IN (${nonNull.map(() => '?').join(', ')})`);
          params.push(...nonNull.map(bindable));
        }
        // Like MongoDB, null matches a missing field too; json_extract gives NULL for both.
        if (hasNull) alternatives.push(`${fieldSql(collection, check.field, params)} IS NULL`);
        parts.push(alternatives.length ? `(${alternatives.join(' OR ')})` : '0');
        shape.push(`${check.field}:in${nonNull.length}${hasNull ? 'n' : ''}`);
        continue;
      }
      const column = fieldSql(collection, check.field, params);
      const value = check.value as Scalar;
      if (value === null) {
        // Ranges against null match nothing in MongoDB; equality matches null or missing.
        parts.push(check.op === 'eq' ? `${column} IS NULL` : '0');
        shape.push(`${check.field}:${check.op}n`);
        continue;
      }
      const sqlOp = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[check.op];
      parts.push(`${column} ${sqlOp} ?`);
      params.push(bindable(value));
      shape.push(`${check.field}:${check.op}`);
    }
    return { sql: parts.length ? ` WHERE ${parts.join(' AND ')}` : '', shape: shape.join(',') };
  }

  function findStatement(collection: CollectionName, options: FindOptions | undefined) {
    assertCollection(collection);
    const checks = toChecks(options?.where);
    const paging = toPaging(options);
    const params: unknown[] = [];
    const where = whereSql(collection, checks, params);
    const order = paging.orderBy
      .map(([field, direction]) => `${fieldSql(collection, field, params)} ${direction === 'desc' ? 'DESC' : 'ASC'}`)
      .join(', ');
    params.push(paging.limit === Infinity ? -1 : paging.limit, paging.skip);
    const sql = `SELECT doc FROM ${quote(collection)}${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`;
    const key = `find|${collection}|${where.shape}|${paging.orderBy.map((o) => o.join(' ')).join(',')}`;
    return { sql, key, params };
  }

  function countStatement(collection: CollectionName, where: Where | undefined) {
    assertCollection(collection);
    const params: unknown[] = [];
    const clause = whereSql(collection, toChecks(where), params);
    return { sql: `SELECT count(*) AS n FROM ${quote(collection)}${clause.sql}`, key: `count|${collection}|${clause.shape}`, params };
  }

  /** Maps a constraint failure to DuplicateKeyError naming `_id` or the unique index. */
  function duplicateKey(collection: CollectionName, error: unknown): DuplicateKeyError | null {
    const code = (error as { code?: string } | null)?.code;
    if (code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') return null;
    // Message: "UNIQUE constraint failed: reports.$.accountId, reports.$.requestId".
    const message = String((error as Error).message);
    const columns = message
      .replace(/^.*failed: /, '')
      .split(', ')
      .map((c) => c.slice(c.indexOf('.') + 1).replace(/^\$\./, ''));
    if (columns.length === 1 && columns[0] === '_id') return new DuplicateKeyError(collection, '_id');
    const index = uniqueIndexes(collection).find((i) => i.fields.join(',') === columns.join(','));
    return new DuplicateKeyError(collection, index?.name ?? columns.join('+'));
  }

  function write<T>(collection: CollectionName, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw duplicateKey(collection, error) ?? error;
    }
  }

  function serialize(doc: unknown): string {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('document must be an object');
    const id = (doc as { _id?: unknown })._id;
    if (typeof id !== 'string' || id === '') throw new Error('document needs a string _id');
    return JSON.stringify(doc);
  }

  const updateTxn = db.transaction((collection: CollectionName, id: string, patch: Record<string, unknown>) => {
    const row = prepare(`get|${collection}`, `SELECT doc FROM ${quote(collection)} WHERE _id = ?`).get(id) as
      | { doc: string }
      | undefined;
    if (!row) return false;
    // Top-level replace, then a JSON round trip: an `undefined` in the patch removes that field,
    // the same as CloudBase (`_.remove()`) does.
    const next = { ...JSON.parse(row.doc), ...patch, _id: id };
    prepare(`update|${collection}`, `UPDATE ${quote(collection)} SET doc = ? WHERE _id = ?`).run(JSON.stringify(next), id);
    return true;
  });

  function migrate(): void {
    refreshIndexed();
    db.transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, note TEXT NOT NULL)`);
      for (const collection of Object.keys(COLLECTIONS) as CollectionName[]) {
        const table = quote(collection);
        db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`);
        // Generated columns are added one by one (VIRTUAL ones can be ALTER-added), so an index
        // added to COLLECTIONS later simply gains its column on the next start.
        const existing = new Set(
          (db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).all(collection) as Array<{ name: string }>).map((c) => c.name),
        );
        for (const field of indexed.get(collection)!) {
          if (existing.has(`$.${field}`)) continue;
          db.exec(
            `ALTER TABLE ${table} ADD COLUMN ${columnOf(field)} GENERATED ALWAYS AS (json_extract(doc, '$.${field}')) VIRTUAL`,
          );
        }
        const wanted = new Map(COLLECTIONS[collection].indexes.map((i) => [indexName(collection, i.name), i]));
        const present = db
          .prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`)
          .all(collection) as Array<{ name: string }>;
        for (const { name } of present) {
          if (!name.startsWith(`ix_${collection}__`)) continue;
          const def = wanted.get(name);
          const columns = (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(name) as Array<{ name: string }>)
            .map((c) => c.name)
            .join(',');
          const unique = (db.prepare(`SELECT "unique" AS u FROM pragma_index_list(?) WHERE name = ?`).get(collection, name) as { u: number }).u === 1;
          const same =
            def &&
            columns === def.fields.map((f) => (f === '_id' ? '_id' : `$.${f}`)).join(',') &&
            unique === Boolean(def.unique);
          // An index dropped from COLLECTIONS or redefined under the same name is rebuilt from the source.
          if (!same) db.exec(`DROP INDEX ${quote(name)}`);
        }
        for (const [name, def] of wanted) {
          const columns = def.fields.map((f) => (f === '_id' ? '_id' : columnOf(f))).join(', ');
          db.exec(`CREATE ${def.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${quote(name)} ON ${table} (${columns})`);
        }
      }
      const applied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
      for (let version = 1; version <= SCHEMA_VERSION; version++) {
        if (applied.get(version)) continue;
        MIGRATION_STEPS[version]?.(db);
        db.prepare('INSERT INTO schema_migrations (version, applied_at, note) VALUES (?, ?, ?)').run(
          version,
          new Date().toISOString(),
          MIGRATION_NOTES[version] ?? '',
        );
      }
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
    // Schema changed: cached statements may refer to dropped objects.
    statements.clear();
  }

  let closed = false;

  // changeMark: writes per collection through this store, an epoch for undone transactions (a read of
  // a write later rolled back must not outlive it), and SQLite's data_version, which changes when
  // another connection to the file commits. Counting is cheap, so every write counts, failed ones too.
  const writes = new Map<CollectionName, number>();
  let undone = 0;
  const wrote = (collection: CollectionName) => writes.set(collection, (writes.get(collection) ?? 0) + 1);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();

  const store: SqliteStore = {
    db,
    async insert(collection, doc) {
      while (outsider()) await released;
      assertCollection(collection);
      wrote(collection);
      const json = serialize(doc);
      write(collection, () =>
        prepare(`insert|${collection}`, `INSERT INTO ${quote(collection)} (_id, doc) VALUES (?, ?)`).run(doc._id, json),
      );
      committed();
    },
    async put(collection, doc) {
      while (outsider()) await released;
      assertCollection(collection);
      wrote(collection);
      const json = serialize(doc);
      write(collection, () =>
        prepare(
          `put|${collection}`,
          `INSERT INTO ${quote(collection)} (_id, doc) VALUES (?, ?) ON CONFLICT(_id) DO UPDATE SET doc = excluded.doc`,
        ).run(doc._id, json),
      );
      committed();
    },
    async get(collection, id) {
      while (outsider()) await released;
      assertCollection(collection);
      const row = prepare(`get|${collection}`, `SELECT doc FROM ${quote(collection)} WHERE _id = ?`).get(id) as
        | { doc: string }
        | undefined;
      return row ? (JSON.parse(row.doc) as Collections[typeof collection]) : null;
    },
    async update(collection, id, patch) {
      while (outsider()) await released;
      assertCollection(collection);
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('patch must be an object');
      // `_id` is the key, not a field: a patch cannot move a document.
      const { _id: _ignored, ...fields } = patch as Record<string, unknown>;
      wrote(collection);
      const updated = write(collection, () => updateTxn.immediate(collection, id, fields));
      committed();
      return updated;
    },
    async find(collection, options) {
      while (outsider()) await released;
      const { sql, key, params } = findStatement(collection, options);
      const rows = prepare(key, sql).all(...params) as Array<{ doc: string }>;
      return rows.map((row) => JSON.parse(row.doc));
    },
    async count(collection, where?: Where) {
      while (outsider()) await released;
      const { sql, key, params } = countStatement(collection, where);
      return (prepare(key, sql).get(...params) as { n: number }).n;
    },
    async batch(fn) {
      // One commit for the writes of a job's batch (fast); the batch's writes are idempotent, so what
      // was written is committed even when fn fails part-way — nothing here promises atomicity.
      // Inside a transaction it is part of that transaction.
      if (holdsConnection() || closed) return fn();
      return exclusive(async () => {
        restartLongLog();
        db.exec('BEGIN IMMEDIATE');
        try {
          return await fn();
        } finally {
          try {
            if (db.inTransaction) db.exec('COMMIT');
          } catch (error) {
            undone++;
            throw error;
          }
          committed();
        }
      });
    },
    transactionScope: 'action',
    async transaction(fn) {
      // Nested: part of the transaction already open (no savepoint: the outer one decides).
      if (holdsConnection()) return fn();
      return exclusive(async () => {
        // IMMEDIATE: take the write lock now, so another process on the file cannot make this
        // transaction fail half-way with SQLITE_BUSY when it first writes.
        restartLongLog();
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn();
          db.exec('COMMIT');
          committed();
          return result;
        } catch (error) {
          undone++;
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      });
    },
    changeMark(collection) {
      assertCollection(collection);
      return `${dataVersion.get() as number}.${undone}.${writes.get(collection) ?? 0}`;
    },
    async migrate() {
      // Not into someone's open transaction: its rollback would undo the schema change.
      while (outsider()) await released;
      migrate();
    },
    async close() {
      if (closed) return;
      closed = true;
      statements.clear();
      // The worker's connection first: the last one to close folds the log in and removes it.
      await checkpointer?.close();
      db.close();
    },
    checkpoints() {
      if (checkpointer?.last) longestLog = Math.max(longestLog, checkpointer.last.log);
      return { background: checkpointer !== null, done: checkpointer?.count ?? 0, restarts, longestLog };
    },
    explainFind(collection, options) {
      const { sql, params } = findStatement(collection, options);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    },
    explainCount(collection, where) {
      const { sql, params } = countStatement(collection, where);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    },
  };
  return store;
}
