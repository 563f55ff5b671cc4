// An in-memory stand-in for `cloud.database()` of wx-server-sdk 4.0.2, for the CloudBase adapter tests.
//
// How it stays faithful: the query-building half is the REAL client library that wx-server-sdk
// drives — @cloudbase/database 1.4.3 (installed with wx-server-sdk → @cloudbase/node-sdk 3.17.2).
// Its Db/Query/Document classes build the same requests they send in production (limit clamping,
// dotted-key flattening, `_.and` merging, EJSON encoding, `_id` checks); only its transport
// (`Db.reqClass`) is replaced by `StandinServer`, which answers those requests from memory with
// MongoDB semantics. On top sits a copy of wx-server-sdk's thin wrapper layer (result shapes
// `{ data }`, `{ _id }`, `{ stats: { updated } }`, `{ total }`, error messages and errCodes),
// transcribed from node_modules/wx-server-sdk/index.js (src/api/database/api/database/*.ts).
//
// What was checked, and where:
// - wx-server-sdk index.js DocumentReference.get: a missing document rejects with
//   `document.get:fail document with _id <id> does not exist` (errCode -1) unless
//   config.throwOnNotFound === false, then resolves `{ data: null }`.
// - wx-server-sdk toSDKError: "<api>:fail <errCode> <code text>. <server message>"; TCB_ERR_CODE
//   maps DATABASE_REQUEST_FAILED → -502001, DATABASE_COLLECTION_NOT_EXIST → -502005; unknown server
//   codes become SYS_ERR -501001.
// - @cloudbase/database query.js get(): no limit → 100, limit ≥ 1000 → 1000 (clamped on the client,
//   never rejected; docs: "云函数端默认及最大上限为 1000", developers.weixin.qq.com Collection.limit);
//   limit/skip must be integers (validate.js isInteger, throws synchronously).
// - document.js set/update: data with `_id` → INVALID_PARAM "不能更新_id的值" (-501007).
// - Duplicate keys: the server's MongoDB error text, as reported by users of the real service
//   (third-party, not official): "collection.add:fail -502001 database request fail.
//   [FailedOperation.Insert] … E11000 duplicate key error collection: <db>.<coll> index: <name> dup key: {…}".
// - createCollection on an existing one: server code DATABASE_COLLECTION_ALREADY_EXIST, which
//   wx-server-sdk does not know, so -501001 "… [ResourceUnavailable.ResourceExist] Table exist."
//   (also third-party reports; the exact text is not documented).
// - Unique indexes: the ones marked unique in COLLECTIONS, as the console would have them
//   (scripts/print-indexes.ts). MongoDB semantics: a missing field counts as null.
// - `updated` of an update is MongoDB's modified count: an update that changes nothing reports 0.
//   (Assumption — CloudBase does not document it; the adapter copes with either.)
// - Transactions (db.runTransaction / startTransaction), as documented for wx-server-sdk
//   (developers.weixin.qq.com …/database/Database.runTransaction, Transaction.collection): only
//   single-document operations — collection.add and doc(id).get/set/update/remove; where, count and
//   aggregate are refused. The client half is again the real @cloudbase/database 1.4.3
//   (transaction/index.js: runTransaction retries the callback only when an error carries
//   code DATABASE_TRANSACTION_CONFLICT — which the commit's raw answer does, a wrapped SDK error
//   from an operation does not — and otherwise rolls back and rethrows). The server half follows
//   MongoDB, which the platform runs on: reads see a snapshot taken at the start plus the
//   transaction's own writes; writing a document that another open transaction wrote, or that was
//   changed since the start, is a write conflict; any failed operation (a duplicate key) aborts the
//   transaction; nothing is visible to others until commit. Assumed, not documented by CloudBase:
//   the exact error texts, and that a conflict is reported under DATABASE_TRANSACTION_CONFLICT.
// - Limits kept (issue 10): at most 1,000 documents per get (the server clamps too); a document over
//   16 MB is refused as MongoDB refuses it (BSON document size limit; the platform is MongoDB-based);
//   a cloud function's result over 1 MB is a failure (`checkFunctionResult`; the limit the issue-10
//   audit found for callFunction results). Every request is counted (`roundTrips`) and can be
//   delayed (`latencyMs`) to measure cold and warm calls as the real network would make them.
import { Db } from '@cloudbase/database';
import { EJSON } from 'bson';
import { COLLECTIONS } from '../../domain/store/collections';

type Doc = Record<string, unknown>;

// ---------------------------------------------------------------- the server half

const TCB_ERR_CODE: Record<string, number> = {
  SYS_ERR: -501001,
  INVALID_PARAM: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_INVALID_OPERRATOR: -502002,
  DATABASE_PERMISSION_DENIED: -502003,
  DATABASE_COLLECTION_EXCEED_LIMIT: -502004,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
};

const ERR_TEXT: Record<number, string> = {
  [-501001]: 'resource system error',
  [-501007]: 'invalid parameters',
  [-502001]: 'database request fail',
  [-502002]: 'database invalid command',
  [-502005]: 'database collection not exists',
};

interface ServerError {
  code: string;
  message: string;
  requestId: string;
}

/** MongoDB's BSON document limit; the stand-in measures a document as its EJSON text. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** What a cloud function may answer (JSON). */
export const MAX_RESULT_BYTES = 1024 * 1024;

/** Throws when a cloud function's answer would be refused by the platform for its size. */
export function checkFunctionResult(result: unknown): number {
  const bytes = Buffer.byteLength(JSON.stringify(result) ?? '');
  if (bytes > MAX_RESULT_BYTES) throw new Error(`cloud function result is ${bytes} bytes, over the platform's 1 MB`);
  return bytes;
}

export interface StandinRequestLog {
  action: string;
  collectionName?: string;
  limit?: number;
  offset?: number;
}

function clone<T>(value: T): T {
  return EJSON.parse(EJSON.stringify(value as unknown as Doc, { relaxed: false })) as T;
}

function getPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Doc)[key];
  }
  return current;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = doc;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[key] = {};
    current = current[key] as Doc;
  }
  current[keys[keys.length - 1]] = value;
}

function unsetPath(doc: Doc, path: string): void {
  const keys = path.split('.');
  const parent = keys.length === 1 ? doc : getPath(doc, keys.slice(0, -1).join('.'));
  if (parent && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Doc)[keys[keys.length - 1]];
}

/** MongoDB's BSON type order, for sorting mixed types (null/missing < numbers < strings < objects …). */
function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (value instanceof Date) return 9;
  if (typeof value === 'object') return 4;
  if (typeof value === 'boolean') return 8;
  return 10;
}

function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') {
    return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  }
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function equals(value: unknown, expected: unknown): boolean {
  // MongoDB: `{ f: null }` matches null and missing; a scalar matches an array containing it.
  if (expected === null) return value === null || value === undefined;
  if (Array.isArray(value) && !Array.isArray(expected)) return value.some((v) => deepEqual(v, expected));
  return deepEqual(value, expected);
}

/** Ranges only compare like with like (MongoDB type bracketing): `{ $gt: 'a' }` never matches a number. */
function range(value: unknown, bound: unknown, test: (c: number) => boolean): boolean {
  if (typeRank(value) !== typeRank(bound) || value === undefined) return false;
  return test(compareValues(value, bound));
}

function isOperatorObject(value: unknown): value is Doc {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    Object.keys(value).length > 0 &&
    Object.keys(value).every((k) => k.startsWith('$'))
  );
}

function matchCondition(value: unknown, condition: unknown): boolean {
  if (!isOperatorObject(condition)) return equals(value, condition);
  return Object.entries(condition).every(([op, operand]) => {
    switch (op) {
      case '$eq':
        return equals(value, operand);
      case '$ne':
        return !equals(value, operand);
      case '$gt':
        return range(value, operand, (c) => c > 0);
      case '$gte':
        return operand === null ? equals(value, null) : range(value, operand, (c) => c >= 0);
      case '$lt':
        return range(value, operand, (c) => c < 0);
      case '$lte':
        return operand === null ? equals(value, null) : range(value, operand, (c) => c <= 0);
      case '$in':
        return (operand as unknown[]).some((o) => equals(value, o));
      case '$nin':
        return !(operand as unknown[]).some((o) => equals(value, o));
      case '$exists':
        return (value !== undefined) === Boolean(operand);
      default:
        throw new StandinUnsupported(`query operator ${op}`);
    }
  });
}

function matches(doc: Doc, query: Doc): boolean {
  return Object.entries(query).every(([key, condition]) => {
    if (key === '$and') return (condition as Doc[]).every((q) => matches(doc, q));
    if (key === '$or') return (condition as Doc[]).some((q) => matches(doc, q));
    if (key === '$nor') return !(condition as Doc[]).some((q) => matches(doc, q));
    if (key.startsWith('$')) throw new StandinUnsupported(`query operator ${key}`);
    return matchCondition(getPath(doc, key), condition);
  });
}

class StandinUnsupported extends Error {}

interface OpenTransaction {
  /** Per collection: _id → the document as this transaction left it (null: removed). */
  writes: Map<string, Map<string, Doc | null>>;
  /** Per collection: _id → the document as it was when others changed it after the start (snapshot). */
  before: Map<string, Map<string, Doc | null>>;
  /** The error code of the operation that aborted it; null while usable. */
  aborted: string | null;
}

let requestSeq = 0;

/** The database server: collections of documents, MongoDB query semantics, unique indexes. */
export class StandinServer {
  readonly collections = new Map<string, Map<string, Doc>>();
  /** Every request the client library sent, for tests that check paging. */
  readonly log: StandinRequestLog[] = [];

  /** Added to every request, as the network to the database would (0: none). */
  latencyMs = 0;
  duplicateErrors: 'mongo' | 'code' = 'mongo';

  private duplicate(mongoText: string): ServerError {
    if (this.duplicateErrors === 'code') return this.fail('DATABASE_DUPLICATE_WRITE', '[DATABASE_DUPLICATE_WRITE] Database write failed, index key duplicate');
    return this.fail('DATABASE_REQUEST_FAILED', mongoText);
  }

  constructor(readonly env = 'standin-env') {}

  /** Requests being answered now, and the most at once since reset (a plan allows 20 connections). */
  inFlight = 0;
  maxInFlight = 0;

  /** Requests sent so far (each get, count, write, createCollection is one). */
  get roundTrips(): number {
    return this.log.length;
  }

  private tooLarge(doc: Doc): ServerError | null {
    const bytes = Buffer.byteLength(EJSON.stringify(doc, { relaxed: false }));
    if (bytes <= MAX_DOCUMENT_BYTES) return null;
    return this.fail('DATABASE_REQUEST_FAILED', `[FailedOperation] BSONObj size: ${bytes} is invalid. Size must be between 0 and 16793600(16MB)`);
  }

  private fail(code: string, message: string): ServerError {
    return { code, message, requestId: `req-${++requestSeq}` };
  }

  private parse(value: unknown): Doc {
    if (value === undefined || value === '') return {};
    return (typeof value === 'string' ? EJSON.parse(value) : value) as Doc;
  }

  /** Per collection, per unique index: key → _id. Kept in step with every write. */
  private readonly uniqueKeys = new Map<string, Map<string, Map<string, string>>>();

  private uniqueIndexesOf(collectionName: string) {
    const def = (COLLECTIONS as Record<string, { indexes: Array<{ name: string; fields: string[]; unique?: boolean }> }>)[
      collectionName
    ];
    return (def?.indexes ?? []).filter((index) => index.unique);
  }

  private keyOf(doc: Doc, fields: string[]): string {
    // MongoDB: a missing field is indexed as null.
    return JSON.stringify(fields.map((f) => getPath(doc, f) ?? null));
  }

  /** Which unique key (if any) `doc` would duplicate, ignoring the document `selfId`. */
  private uniqueConflict(collectionName: string, doc: Doc, selfId: string): ServerError | null {
    for (const index of this.uniqueIndexesOf(collectionName)) {
      const key = this.keyOf(doc, index.fields);
      const owner = this.uniqueKeys.get(collectionName)?.get(index.name)?.get(key);
      if (owner !== undefined && owner !== selfId) {
        const values = JSON.parse(key) as unknown[];
        const shown = index.fields.map((f, i) => `${f}: ${JSON.stringify(values[i])}`).join(', ');
        return this.duplicate(
          `[FailedOperation.Insert] E11000 duplicate key error collection: ${this.env}.${collectionName} index: ${index.name} dup key: { ${shown} }`,
        );
      }
    }
    return null;
  }

  /** Test data in bulk, straight into the server (no round trips), unique keys kept in step. */
  seed(collectionName: string, docs: Doc[]): void {
    if (!this.collections.has(collectionName)) this.collections.set(collectionName, new Map());
    for (const doc of docs) this.write(collectionName, String(doc._id), clone(doc));
  }

  private readonly transactions = new Map<string, OpenTransaction>();
  private transactionSeq = 0;
  /** Transactions started and not yet committed or aborted. */
  get openTransactions(): number {
    return this.transactions.size;
  }

  /** Stores `next` (or deletes when null) and keeps the unique-key maps in step. */
  private write(collectionName: string, id: string, next: Doc | null): void {
    const docs = this.collections.get(collectionName)!;
    const before = docs.get(id);
    // Open transactions keep reading their snapshot: remember what they would have seen.
    for (const txn of this.transactions.values()) {
      const images = txn.before.get(collectionName) ?? new Map<string, Doc | null>();
      txn.before.set(collectionName, images);
      if (!images.has(id)) images.set(id, before ?? null);
    }
    let perIndex = this.uniqueKeys.get(collectionName);
    if (!perIndex) this.uniqueKeys.set(collectionName, (perIndex = new Map()));
    for (const index of this.uniqueIndexesOf(collectionName)) {
      let keys = perIndex.get(index.name);
      if (!keys) perIndex.set(index.name, (keys = new Map()));
      if (before) keys.delete(this.keyOf(before, index.fields));
      if (next) keys.set(this.keyOf(next, index.fields), id);
    }
    if (next) docs.set(id, next);
    else docs.delete(id);
  }

  private applyUpdate(doc: Doc, update: Doc): void {
    for (const [op, fields] of Object.entries(update)) {
      if (op === '$set') for (const [path, value] of Object.entries(fields as Doc)) setPath(doc, path, value);
      else if (op === '$unset') for (const path of Object.keys(fields as Doc)) unsetPath(doc, path);
      else throw new StandinUnsupported(`update operator ${op}`);
    }
  }

  /** With `checkIndexes`: every query no index of COLLECTIONS serves, as `collection: fields`. */
  checkIndexes = false;
  readonly unindexed = new Set<string>();

  /**
   * Whether an index can serve the query, as MongoDB would use one: an index (or `_id`) whose first
   * field the query constrains, holding every queried and sorted field. Anything else is a scan.
   */
  private noteIndexUse(collectionName: string, params: Doc, kind: 'get' | 'count' = 'get'): void {
    const query = this.parse(params.query);
    const fields = new Set<string>();
    const collect = (q: Doc) => {
      for (const [k, v] of Object.entries(q)) {
        if (k === '$and') for (const sub of v as Doc[]) collect(sub);
        else if (!k.startsWith('$')) fields.add(k);
      }
    };
    collect(query);
    const sorted = params.order ? Object.keys(this.parse(params.order)) : [];
    // A count of the whole collection: MongoDB answers it from the collection's metadata, no scan.
    if (kind === 'count' && !fields.size) return;
    const indexes = [['_id'], ...((COLLECTIONS as Record<string, { indexes: Array<{ fields: string[] }> }>)[collectionName]?.indexes ?? []).map((i) => i.fields)];
    const all = [...fields, ...sorted.filter((f) => f !== '_id')];
    // By ids: the primary key finds at most the ids asked for, whatever else the query holds.
    const served = fields.has('_id') || indexes.some((ix) => (fields.has(ix[0]!) || (!fields.size && sorted[0] === ix[0])) && all.every((f) => ix.includes(f)));
    if (!served) this.unindexed.add(`${collectionName}: where ${[...fields].join(', ') || '(nothing)'}${sorted.length ? ` order ${sorted.join(', ')}` : ''}`);
  }

  private select(docs: Map<string, Doc>, params: Doc): Doc[] {
    const query = this.parse(params.query);
    let list = [...docs.values()].filter((doc) => matches(doc, query));
    if (params.order) {
      const order = Object.entries(this.parse(params.order)) as Array<[string, number]>;
      list = list.sort((a, b) => {
        for (const [field, direction] of order) {
          const c = compareValues(getPath(a, field), getPath(b, field));
          if (c !== 0) return direction * c;
        }
        return 0;
      });
    }
    return list;
  }

  private transaction(id: string): OpenTransaction | ServerError {
    const txn = this.transactions.get(id);
    if (!txn) return this.fail('DATABASE_TRANSACTION_FAIL', `transaction ${id} does not exist (committed, aborted or never started)`);
    if (txn.aborted) return this.fail('DATABASE_TRANSACTION_FAIL', `transaction ${id} was aborted by a failed operation (${txn.aborted})`);
    return txn;
  }

  /** What the transaction reads: its own write, else its snapshot, else the current document. */
  private seen(txn: OpenTransaction, collectionName: string, id: string): Doc | null {
    const own = txn.writes.get(collectionName);
    if (own?.has(id)) return own.get(id)!;
    const image = txn.before.get(collectionName);
    if (image?.has(id)) return image.get(id)!;
    return this.collections.get(collectionName)?.get(id) ?? null;
  }

  /** A write conflict (MongoDB WriteConflict): another open transaction wrote it, or it changed since the start. */
  private conflicts(txn: OpenTransaction, collectionName: string, id: string): boolean {
    if (txn.before.get(collectionName)?.has(id)) return true;
    for (const other of this.transactions.values()) {
      if (other !== txn && other.writes.get(collectionName)?.has(id)) return true;
    }
    return false;
  }

  /** A unique key of `next` held by another document as this transaction sees the collection. */
  private uniqueConflictIn(txn: OpenTransaction, collectionName: string, next: Doc, id: string): ServerError | null {
    const own = txn.writes.get(collectionName) ?? new Map<string, Doc | null>();
    for (const index of this.uniqueIndexesOf(collectionName)) {
      const key = this.keyOf(next, index.fields);
      const owner = this.uniqueKeys.get(collectionName)?.get(index.name)?.get(key);
      const ownerStill = owner !== undefined && owner !== id && (() => {
        const doc = this.seen(txn, collectionName, owner);
        return doc !== null && this.keyOf(doc, index.fields) === key;
      })();
      const ownClash = [...own].some(([other, doc]) => other !== id && doc !== null && this.keyOf(doc, index.fields) === key);
      if (ownerStill || ownClash) {
        return this.duplicate(`[FailedOperation.Insert] E11000 duplicate key error collection: ${this.env}.${collectionName} index: ${index.name} dup key: { ${index.fields.join(', ')} }`);
      }
    }
    return null;
  }

  /** A failed operation aborts the transaction, as in MongoDB: later operations and the commit fail. */
  private abortWith(txn: OpenTransaction, error: ServerError): ServerError {
    txn.aborted = error.code;
    return error;
  }

  private inTransaction(action: string, params: Doc, requestId: string): unknown {
    const txn = this.transaction(String(params.transactionId));
    if ('code' in txn) return txn;
    const collectionName = String(params.collectionName);
    const docs = this.collections.get(collectionName);
    if (!docs) return this.abortWith(txn, this.fail('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collectionName}`));
    const single = action === 'database.insertDocument' || (params.queryType === 'DOC' && ['database.getDocument', 'database.modifyDocument', 'database.removeDocument'].includes(action));
    if (!single) {
      return this.abortWith(txn, this.fail('INVALID_PARAM', `stand-in: ${action} (${String(params.queryType ?? 'no queryType')}) in a transaction; only single-document operations are allowed (事务中仅能进行单记录操作)`));
    }
    const own = txn.writes.get(collectionName) ?? new Map<string, Doc | null>();
    txn.writes.set(collectionName, own);
    const stage = (id: string, next: Doc | null): ServerError | null => {
      if (this.conflicts(txn, collectionName, id)) return this.abortWith(txn, this.fail('DATABASE_TRANSACTION_CONFLICT', `[WriteConflict] ${collectionName}/${id} is being changed by another operation`));
      if (next) {
        const problem = this.uniqueConflictIn(txn, collectionName, next, id) ?? this.tooLarge(next);
        if (problem) return this.abortWith(txn, problem);
      }
      own.set(id, next);
      return null;
    };
    if (action === 'database.insertDocument') {
      const insertedIds: string[] = [];
      for (const raw of params.data as string[]) {
        const doc = this.parse(raw);
        if (doc._id === undefined) doc._id = Math.random().toString(16).slice(2).padEnd(32, '0');
        const id = String(doc._id);
        if (this.seen(txn, collectionName, id)) {
          return this.abortWith(txn, this.duplicate(`[FailedOperation.Insert] E11000 duplicate key error collection: ${this.env}.${collectionName} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`));
        }
        const problem = stage(id, clone(doc));
        if (problem) return problem;
        insertedIds.push(id);
      }
      return { requestId, data: { insertedIds } };
    }
    const id = String(this.parse(params.query)._id);
    const current = this.seen(txn, collectionName, id);
    if (action === 'database.getDocument') {
      return { requestId, data: { list: current ? [EJSON.stringify(current, { relaxed: false })] : [], offset: 0, limit: 1 } };
    }
    if (action === 'database.removeDocument') {
      if (!current) return { requestId, data: { deleted: 0 } };
      return stage(id, null) ?? { requestId, data: { deleted: 1 } };
    }
    const data = this.parse(params.data);
    if (params.merge === false) {
      const next = { ...clone(data), _id: id };
      return stage(id, next) ?? { requestId, data: current ? { updated: deepEqual(current, next) ? 0 : 1 } : { updated: 0, upsert_id: id } };
    }
    if (!current) return { requestId, data: { updated: 0 } };
    const next = clone(current);
    this.applyUpdate(next, data);
    if (deepEqual(current, next)) return { requestId, data: { updated: 0 } };
    return stage(id, next) ?? { requestId, data: { updated: 1 } };
  }

  private commit(id: string, requestId: string): unknown {
    const txn = this.transaction(id);
    if ('code' in txn) {
      this.transactions.delete(id);
      return txn;
    }
    this.transactions.delete(id);
    // Unique keys again against what others committed meanwhile, then every write at once.
    for (const [collectionName, own] of txn.writes) {
      for (const [docId, next] of own) {
        if (next && this.uniqueConflict(collectionName, next, docId)) return this.fail('DATABASE_TRANSACTION_CONFLICT', `[WriteConflict] a unique key of ${collectionName}/${docId} was taken meanwhile`);
      }
    }
    for (const [collectionName, own] of txn.writes) for (const [docId, next] of own) this.write(collectionName, docId, next);
    return { requestId };
  }

  /** One request from the client library (what `Db.reqClass#send` would send over HTTP). */
  async handle(action: string, params: Doc = {}): Promise<unknown> {
    // A network round trip: lets concurrent calls interleave; each request then runs atomically,
    // as on the server.
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await new Promise((resolve) => (this.latencyMs > 0 ? setTimeout(resolve, this.latencyMs) : setImmediate(resolve)));
    } finally {
      this.inFlight--;
    }
    const collectionName = params.collectionName as string | undefined;
    this.log.push({
      action,
      collectionName,
      limit: params.limit as number | undefined,
      offset: params.offset as number | undefined,
    });
    const requestId = `req-${++requestSeq}`;
    if (action === 'database.startTransaction') {
      const transactionId = `txn-${++this.transactionSeq}`;
      this.transactions.set(transactionId, { writes: new Map(), before: new Map(), aborted: null });
      return { requestId, transactionId };
    }
    if (action === 'database.commitTransaction') return this.commit(String(params.transactionId), requestId);
    if (action === 'database.abortTransaction') {
      this.transactions.delete(String(params.transactionId));
      return { requestId };
    }
    if (params.transactionId !== undefined) return this.inTransaction(action, params, requestId);
    if (action === 'database.addCollection') {
      if (this.collections.has(collectionName!)) {
        return this.fail('DATABASE_COLLECTION_ALREADY_EXIST', '[ResourceUnavailable.ResourceExist] Table exist.');
      }
      this.collections.set(collectionName!, new Map());
      return { requestId };
    }
    const docs = this.collections.get(collectionName!);
    if (!docs) return this.fail('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${collectionName}`);
    try {
      switch (action) {
        case 'database.insertDocument': {
          const insertedIds: string[] = [];
          for (const raw of params.data as string[]) {
            const doc = this.parse(raw);
            if (doc._id === undefined) doc._id = Math.random().toString(16).slice(2).padEnd(32, '0');
            const id = String(doc._id);
            if (docs.has(id)) {
              return this.duplicate(
                `[FailedOperation.Insert] E11000 duplicate key error collection: ${this.env}.${collectionName} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
              );
            }
            const conflict = this.uniqueConflict(collectionName!, doc, id) ?? this.tooLarge(doc);
            if (conflict) return conflict;
            this.write(collectionName!, id, clone(doc));
            insertedIds.push(id);
          }
          return { requestId, data: { insertedIds } };
        }
        case 'database.getDocument': {
          if (this.checkIndexes && params.queryType !== 'DOC') this.noteIndexUse(collectionName!, params);
          let list = this.select(docs, params);
          const offset = (params.offset as number | undefined) ?? 0;
          // The server enforces the cloud-function maximum too; the client already clamps.
          const limit = params.queryType === 'DOC' ? 1 : Math.min((params.limit as number | undefined) ?? 100, 1000);
          list = list.slice(offset, offset + limit);
          return {
            requestId,
            data: { list: list.map((doc) => EJSON.stringify(doc, { relaxed: false })), offset, limit },
          };
        }
        case 'database.calculateDocument':
          if (this.checkIndexes) this.noteIndexUse(collectionName!, params, 'count');
          return { requestId, data: { total: this.select(docs, params).length } };
        case 'database.modifyDocument': {
          const targets = this.select(docs, params);
          const data = this.parse(params.data);
          if (params.merge === false) {
            // set(): replace the whole document, or create it (upsert).
            const id = String(this.parse(params.query)._id);
            const next = { ...clone(data), _id: id };
            const conflict = this.uniqueConflict(collectionName!, next, id) ?? this.tooLarge(next);
            if (conflict) return conflict;
            const before = docs.get(id);
            this.write(collectionName!, id, next);
            if (!before) return { requestId, data: { updated: 0, upsert_id: id } };
            return { requestId, data: { updated: deepEqual(before, next) ? 0 : 1 } };
          }
          let updated = 0;
          for (const doc of params.multi === false ? targets.slice(0, 1) : targets) {
            const next = clone(doc);
            this.applyUpdate(next, data);
            const conflict = this.uniqueConflict(collectionName!, next, String(doc._id)) ?? this.tooLarge(next);
            if (conflict) return conflict;
            if (!deepEqual(doc, next)) {
              this.write(collectionName!, String(doc._id), next);
              updated++;
            }
          }
          return { requestId, data: { updated } };
        }
        case 'database.removeDocument': {
          const targets = this.select(docs, params);
          const removed = params.multi === false ? targets.slice(0, 1) : targets;
          for (const doc of removed) this.write(collectionName!, String(doc._id), null);
          return { requestId, data: { deleted: removed.length } };
        }
        default:
          return this.fail('INVALID_PARAM', `stand-in does not implement ${action}`);
      }
    } catch (error) {
      if (error instanceof StandinUnsupported) return this.fail('DATABASE_INVALID_OPERRATOR', `stand-in: unsupported ${error.message}`);
      throw error;
    }
  }
}

/** Replaces the HTTP transport of @cloudbase/database: `new Db.reqClass(config).send(action, params)`. */
class StandinRequest {
  constructor(private readonly config: { standinServer: StandinServer }) {}
  send(action: string, params: Doc): Promise<unknown> {
    return this.config.standinServer.handle(action, params);
  }
}

// ---------------------------------------------------------------- wx-server-sdk's wrapper layer

interface SdkError extends Error {
  errCode: number;
  errMsg: string;
}

/** wx-server-sdk utils/error toSDKError. */
function toSDKError(e: unknown, apiName: string): SdkError {
  if (e instanceof Error && typeof (e as Partial<SdkError>).errMsg === 'string') return e as SdkError;
  let err: SdkError;
  if (e instanceof Error) {
    e.message = `${apiName}:fail ${e.message}`;
    err = e as SdkError;
    err.errCode = -1;
  } else if (typeof e === 'string') {
    err = new Error(`${apiName}:fail ${e}`) as SdkError;
    err.errCode = -1;
  } else {
    const { errCode, errMsg } = (e ?? {}) as { errCode?: number; errMsg?: string };
    err = new Error(`${apiName}:fail ${errCode} ${ERR_TEXT[errCode ?? 0] ?? ''}. ${errMsg ?? ''}`) as SdkError;
    err.errCode = errCode || -1;
  }
  err.errMsg = `${err.message}`;
  return err;
}

/** error-checker.ts checkError: a result carrying a server `code` becomes a thrown SDK error. */
function checkError(result: unknown, apiName: string): void {
  const r = result as { code?: string; message?: string } | null;
  if (r && r.code) {
    throw toSDKError({ errCode: TCB_ERR_CODE[r.code] ?? TCB_ERR_CODE.SYS_ERR, errMsg: r.message }, apiName);
  }
}

/** error-checker.ts maybeTransformError: thrown TcbErrors (with `code`) get an errCode. */
function maybeTransformError(error: unknown): unknown {
  const e = error as { code?: string; message?: string } | null;
  if (e && e.code) return { errCode: TCB_ERR_CODE[e.code] ?? TCB_ERR_CODE.SYS_ERR, errMsg: e.message };
  return error;
}

async function call<T>(apiName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSDKError(maybeTransformError(error), apiName);
  }
}

// `any` below: the wrapped @cloudbase/database objects are untyped JS, as in wx-server-sdk.
class StandinQuery {
  constructor(protected readonly inner: any) {}
  where(condition: Doc) {
    return new StandinQuery(this.inner.where(condition));
  }
  orderBy(field: string, direction: 'asc' | 'desc') {
    return new StandinQuery(this.inner.orderBy(field, direction));
  }
  limit(max: number) {
    return new StandinQuery(this.inner.limit(max));
  }
  skip(offset: number) {
    return new StandinQuery(this.inner.skip(offset));
  }
  field(projection: Doc) {
    return new StandinQuery(this.inner.field(projection));
  }
  get(): Promise<{ data: any[]; errMsg: string }> {
    return call('collection.get', async () => {
      const result = await this.inner.get();
      checkError(result, 'collection.get');
      return { data: result.data, errMsg: 'collection.get:ok' };
    });
  }
  count(): Promise<{ total: number; errMsg: string }> {
    return call('collection.count', async () => {
      const result = await this.inner.count();
      checkError(result, 'collection.count');
      return { total: result.total, errMsg: 'collection.count:ok' };
    });
  }
  update(options: { data: Doc; multi?: boolean }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return call('collection.update', async () => {
      const query = options.multi === false ? this.inner.options({ multiple: false }) : this.inner;
      const result = await query.update(options.data);
      checkError(result, 'collection.update');
      return { stats: { updated: result.updated || 0 }, errMsg: 'collection.update:ok' };
    });
  }
  remove(options: { multi?: boolean } = {}): Promise<{ stats: { removed: number }; errMsg: string }> {
    return call('collection.remove', async () => {
      const query = options.multi === false ? this.inner.options({ multiple: false }) : this.inner;
      const result = await query.remove();
      checkError(result, 'collection.remove');
      return { stats: { removed: result.deleted }, errMsg: 'collection.remove:ok' };
    });
  }
}

class StandinDocument {
  constructor(
    private readonly inner: any,
    private readonly id: string,
    private readonly database: StandinDatabase,
  ) {}
  get(): Promise<{ data: any; errMsg: string }> {
    return call('document.get', async () => {
      const result = await this.inner.get();
      checkError(result, 'document.get');
      if (!result.data || (Array.isArray(result.data) && !result.data.length)) {
        if (this.database.config.throwOnNotFound === false) return { data: null, errMsg: 'document.get:ok' };
        throw `document with _id ${this.id} does not exist`;
      }
      return { data: Array.isArray(result.data) ? result.data[0] : result.data, errMsg: 'document.get:ok' };
    });
  }
  set(options: { data: Doc }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    return call('document.set', async () => {
      assertObjectData(options, 'document.set');
      const result = await this.inner.set(options.data);
      checkError(result, 'document.set');
      return {
        _id: this.id,
        stats: { updated: result.updated, created: result.upsertedId ? 1 : 0 },
        errMsg: 'document.set:ok',
      };
    });
  }
  update(options: { data: Doc }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return call('document.update', async () => {
      assertObjectData(options, 'document.update');
      const result = await this.inner.update(options.data);
      checkError(result, 'document.update');
      return { stats: { updated: result.updated }, errMsg: 'document.update:ok' };
    });
  }
  remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    return call('document.remove', async () => {
      const result = await this.inner.remove();
      checkError(result, 'document.remove');
      return { stats: { removed: result.deleted || 0 }, errMsg: 'document.remove:ok' };
    });
  }
}

/** wx-server-sdk assertType(options, { data: 'object' }) + assertObjectNotEmpty. */
function assertObjectData(options: { data: Doc } | undefined, apiName: string): void {
  const data = options?.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error(`${apiName}: options.data should be object`);
  }
  if (!Object.keys(data).length) throw new Error(`${apiName}: options.data should not be empty object`);
}

class StandinCollection extends StandinQuery {
  constructor(
    inner: any,
    readonly collectionName: string,
    private readonly database: StandinDatabase,
  ) {
    super(inner);
  }
  doc(id: string) {
    return new StandinDocument(this.inner.doc(id), id, this.database);
  }
  add(options: { data: Doc }): Promise<{ _id: string; errMsg: string }> {
    return call('collection.add', async () => {
      const result = await this.inner.add(options.data);
      checkError(result, 'collection.add');
      return { _id: result.id, errMsg: 'collection.add:ok' };
    });
  }
}

/** wx-server-sdk transaction/transaction.ts Transaction, over the real client's transaction. */
class StandinTransaction {
  constructor(
    private readonly inner: any,
    private readonly database: StandinDatabase,
  ) {}
  collection(name: string) {
    if (!name) throw new Error('Collection name is required');
    return new StandinCollection(this.inner.collection(name), name, this.database);
  }
  rollback(reason?: unknown): Promise<unknown> {
    return this.inner.rollback(reason);
  }
}

export interface StandinConfig {
  /** wx-server-sdk's option: false makes doc().get() resolve `{ data: null }` for a missing document. */
  throwOnNotFound?: boolean;
  env?: string;
  /** Milliseconds added to every database request (e.g. 30 to measure a cold start). */
  latencyMs?: number;
  /**
   * How the server reports a duplicate key: MongoDB's E11000 text under DATABASE_REQUEST_FAILED
   * (default), or the CloudBase code DATABASE_DUPLICATE_WRITE with its documented text and no index
   * name (docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE) — both are seen in the field.
   */
  duplicateErrors?: 'mongo' | 'code';
}

export class StandinDatabase {
  readonly command: any;
  readonly serverDate: any;
  readonly server: StandinServer;
  private readonly inner: any;

  constructor(readonly config: StandinConfig = {}) {
    this.server = new StandinServer(config.env);
    this.server.latencyMs = config.latencyMs ?? 0;
    this.server.duplicateErrors = config.duplicateErrors ?? 'mongo';
    // Static on the class, as in @cloudbase/node-sdk; jest gives each test file its own module copy.
    (Db as unknown as { reqClass: unknown }).reqClass = StandinRequest;
    this.inner = new Db({ env: this.server.env, standinServer: this.server });
    this.command = this.inner.command;
    this.serverDate = this.inner.serverDate;
  }

  collection(name: string) {
    if (!name) throw new Error('Collection name is required');
    return new StandinCollection(this.inner.collection(name), name, this);
  }

  /** wx-server-sdk Database.runTransaction: the callback gets a Transaction whose collection() is document-only. */
  runTransaction<T>(callback: (transaction: StandinTransaction) => Promise<T>, times?: number): Promise<T> {
    return this.inner.runTransaction((inner: any) => callback(new StandinTransaction(inner, this)), times);
  }

  createCollection(name: string): Promise<{ errMsg: string; requestId: string }> {
    return call('createCollection', async () => {
      const result = await this.inner.createCollection(name);
      checkError(result, 'createCollection');
      return { errMsg: 'createCollection:ok', requestId: result.requestId };
    });
  }
}

/** What `cloud.database()` returns, in memory. */
export function createCloudBaseStandin(config: StandinConfig = {}): StandinDatabase {
  return new StandinDatabase(config);
}
