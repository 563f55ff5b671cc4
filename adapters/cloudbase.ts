// The production store: the WeChat cloud database through wx-server-sdk (`cloud.database()`).
// The cloud function passes the database in; this module never imports wx-server-sdk itself, so
// loading it in local mode cannot initialise the SDK (which fails offline, see architecture.md).
//
// SDK behaviour this relies on was read in wx-server-sdk 4.0.2 (index.js, src/api/database/...) and
// in the @cloudbase/database 1.4.3 it drives (dist/commonjs/query.js, document.js, serializer/*):
// - Query.get(): no limit → 100 documents; limit n → min(n, 1000) (query.js `limit < 1000 ? limit : 1000`),
//   so find() pages with skip/limit until it has what was asked for.
// - doc(id).get() on a missing document rejects with "document.get:fail document with _id … does not exist"
//   (wx-server-sdk DocumentReference.get, unless config.throwOnNotFound === false, then `data: null`).
// - doc(id).set/update reject data containing `_id` ("不能更新_id的值", document.js).
// - update() flattens plain nested objects into dotted $set (serializer/update.js), i.e. it MERGES
//   sub-objects; `_.set(value)` replaces the field, `_.remove()` unsets it.
// - where() flattens nested objects into dotted keys (serializer/common.js flattenQueryObject), so
//   dotted keys are what the server sees either way; we pass dotted keys.
// - Errors: server codes are mapped to errCode (DATABASE_REQUEST_FAILED → -502001) and the message
//   becomes "<api>:fail <errCode> <text>. <server message>" (utils/error toSDKError). A duplicate key
//   is a -502001 whose message carries MongoDB's "E11000 duplicate key error … index: <name>".
import { AsyncLocalStorage } from 'node:async_hooks';
import { COLLECTIONS, type CollectionName, type Collections } from '../domain/store/collections';
import { DuplicateKeyError, type FindOptions, type Scalar, type Store, type Where } from '../domain/store/port';
import { assertCollection, toChecks, toPaging, uniqueIndexes, type Check } from './where';

/** The slice of the wx-server-sdk database API the adapter uses. */
export interface CloudCommandValue {
  and(...others: CloudCommandValue[]): CloudCommandValue;
}

export interface CloudCommand {
  eq(value: unknown): CloudCommandValue;
  gt(value: unknown): CloudCommandValue;
  gte(value: unknown): CloudCommandValue;
  lt(value: unknown): CloudCommandValue;
  lte(value: unknown): CloudCommandValue;
  in(values: unknown[]): CloudCommandValue;
  set(value: unknown): unknown;
  remove(): unknown;
}

export interface CloudQuery {
  where(condition: Record<string, unknown>): CloudQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudQuery;
  skip(offset: number): CloudQuery;
  limit(max: number): CloudQuery;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
}

export interface CloudDocument {
  get(): Promise<{ data: unknown }>;
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<unknown>;
}

export interface CloudCollection extends CloudQuery {
  doc(id: string): CloudDocument;
  add(options: { data: Record<string, unknown> }): Promise<{ _id?: string }>;
}

/** What runTransaction hands its callback: collection() allows add and doc(id).get/set/update/remove only. */
export interface CloudTransaction {
  collection(name: string): CloudCollection;
}

export interface CloudDatabase {
  command: CloudCommand;
  collection(name: string): CloudCollection;
  createCollection(name: string): Promise<unknown>;
  /** Commits when the callback resolves; runs it again (up to `times`) only on a commit-time conflict. */
  runTransaction<T>(callback: (transaction: CloudTransaction) => Promise<T>, times?: number): Promise<T>;
}

/** Server-side maximum per get() (documented: 云函数端 limit 上限 1000). */
export const PAGE_SIZE = 1000;

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  const e = error as { errMsg?: unknown; message?: unknown } | null;
  return `${String(e?.errMsg ?? '')} ${String(e?.message ?? '')}`;
}

/**
 * -502001 + MongoDB's E11000 text; the text alone also counts (the code mapping has changed across SDKs).
 * CloudBase also reports it as its own code DATABASE_DUPLICATE_WRITE ("Database write failed, index key
 * duplicate", docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE), which wx-server-sdk's code table
 * does not know (→ -501001): match the code, on the error or in its text, too.
 */
function isDuplicateKey(error: unknown): boolean {
  if ((error as { code?: unknown } | null)?.code === 'DATABASE_DUPLICATE_WRITE') return true;
  return /duplicate key|E11000|DATABASE_DUPLICATE_WRITE|index key duplicate/i.test(errorText(error));
}

function isMissingDocument(error: unknown): boolean {
  return /document with _id .* does not exist/i.test(errorText(error));
}

/**
 * createCollection on an existing collection: the server's DATABASE_COLLECTION_ALREADY_EXIST is not in
 * wx-server-sdk's code table, so it arrives as -501001 with the server text ("Table exist" /
 * ResourceExist); match the text, not the number (-501001 is also every other system error).
 */
function isCollectionExists(error: unknown): boolean {
  return /DATABASE_COLLECTION_ALREADY_EXIST|DATABASE_COLLECTION_EXIST|ResourceExist|Table exist|already exist/i.test(errorText(error));
}

/**
 * A write conflict with another transaction (MongoDB WriteConflict: the document was written by
 * another open transaction, or changed since this one began). runTransaction retries the callback
 * only when the commit's raw answer carries DATABASE_TRANSACTION_CONFLICT; a conflict reported by an
 * operation arrives as a wrapped SDK error and is rethrown. Assumed, not documented by CloudBase: the
 * texts, as the stand-in writes them (test/support/cloudbase-standin.ts).
 */
function isWriteConflict(error: unknown): boolean {
  return /DATABASE_TRANSACTION_CONFLICT|WriteConflict/i.test(errorText(error));
}

/** Attempts of a transaction that keeps meeting write conflicts before the conflict is the answer. */
const TRANSACTION_ATTEMPTS = 5;

function duplicateKeyError(collection: CollectionName, error: unknown): DuplicateKeyError {
  const text = errorText(error);
  // MongoDB names the index: "… index: account_request dup key: { … }"; `_id_` is the primary key.
  const name = /index:\s*([^\s]+)/.exec(text)?.[1];
  if (name === '_id_' || /dup key: \{\s*_id:/.test(text)) return new DuplicateKeyError(collection, '_id');
  const unique = uniqueIndexes(collection);
  const match = unique.find((index) => index.name === name);
  if (match) return new DuplicateKeyError(collection, match.name);
  return new DuplicateKeyError(collection, name ?? (unique.length === 1 ? unique[0].name : 'unknown'));
}

export function createCloudBaseStore(db: CloudDatabase): Store {
  const _ = db.command;
  // The transaction the current call runs in (if any): its operations go through the transaction's
  // collections. AsyncLocalStorage, because the domain just calls ctx.store inside store.transaction.
  const scopes = new AsyncLocalStorage<{ transaction: CloudTransaction; open: boolean }>();
  const openScope = () => {
    const scope = scopes.getStore();
    return scope?.open ? scope : undefined;
  };
  const collectionRef = (name: CollectionName): CloudCollection => openScope()?.transaction.collection(name) ?? db.collection(name);
  function noQueriesInTransaction(what: string): void {
    // wx-server-sdk: 事务中仅能进行单记录操作 (no where/count); the server would refuse it anyway.
    if (openScope()) throw new Error(`${what} inside a CloudBase transaction: only get/insert/put/update by _id are allowed; query before store.transaction`);
  }

  function condition(checks: Check[]): unknown {
    const commands = checks.map((check) => {
      switch (check.op) {
        case 'eq':
          return _.eq(check.value);
        case 'gt':
          return _.gt(check.value);
        case 'gte':
          return _.gte(check.value);
        case 'lt':
          return _.lt(check.value);
        case 'lte':
          return _.lte(check.value);
        case 'in':
          return _.in(check.value as Scalar[]);
      }
    });
    if (commands.length === 1) {
      // A plain value is the documented equality form; it also matches null-or-missing like _.eq(null).
      const only = checks[0];
      return only.op === 'eq' && only.value !== null ? only.value : commands[0];
    }
    return commands[0].and(...commands.slice(1));
  }

  /** Port Where → wx-server-sdk where object, one dotted key per field, ranges combined with `and`. */
  function toWhere(where: Where | undefined): Record<string, unknown> | null {
    const byField = new Map<string, Check[]>();
    for (const check of toChecks(where)) {
      byField.set(check.field, [...(byField.get(check.field) ?? []), check]);
    }
    if (!byField.size) return null;
    const out: Record<string, unknown> = {};
    for (const [field, checks] of byField) out[field] = condition(checks);
    return out;
  }

  function withoutId(doc: Record<string, unknown>): Record<string, unknown> {
    const { _id: _ignored, ...rest } = doc;
    return rest;
  }

  function assertDoc(doc: unknown): asserts doc is Record<string, unknown> & { _id: string } {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('document must be an object');
    const id = (doc as { _id?: unknown })._id;
    if (typeof id !== 'string' || id === '') throw new Error('document needs a string _id');
  }

  async function getDoc(collection: CollectionName, id: string): Promise<unknown> {
    try {
      const result = await collectionRef(collection).doc(id).get();
      // throwOnNotFound: false gives `data: null` instead of the rejection.
      return result.data ?? null;
    } catch (error) {
      if (isMissingDocument(error)) return null;
      throw error;
    }
  }

  return {
    async insert(collection, doc) {
      assertCollection(collection);
      assertDoc(doc);
      try {
        // add() with an explicit _id: the server refuses a taken _id (E11000 on index _id_).
        await collectionRef(collection).add({ data: { ...doc } });
      } catch (error) {
        if (isDuplicateKey(error)) throw duplicateKeyError(collection, error);
        throw error;
      }
    },
    async put(collection, doc) {
      assertCollection(collection);
      assertDoc(doc);
      try {
        // set() replaces the whole document (merge: false, upsert: true); _id must not be in data.
        await collectionRef(collection).doc(doc._id).set({ data: withoutId(doc) });
      } catch (error) {
        if (isDuplicateKey(error)) throw duplicateKeyError(collection, error);
        throw error;
      }
    },
    async get(collection, id) {
      assertCollection(collection);
      return (await getDoc(collection, id)) as Collections[typeof collection] | null;
    },
    async update(collection, id, patch) {
      assertCollection(collection);
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('patch must be an object');
      const data: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(withoutId(patch as Record<string, unknown>))) {
        // _.set replaces a sub-object instead of merging into it; undefined removes the field,
        // matching the SQLite adapter's JSON round trip.
        data[field] = value === undefined ? _.remove() : _.set(value);
      }
      if (!Object.keys(data).length) return (await getDoc(collection, id)) !== null;
      let updated: number;
      try {
        ({
          stats: { updated },
        } = await collectionRef(collection).doc(id).update({ data }));
      } catch (error) {
        if (isDuplicateKey(error)) throw duplicateKeyError(collection, error);
        throw error;
      }
      if (updated > 0) return true;
      // 0 is also what an update that changes nothing reports: tell "missing" from "unchanged".
      return (await getDoc(collection, id)) !== null;
    },
    async find(collection, options?: FindOptions) {
      assertCollection(collection);
      noQueriesInTransaction('find');
      const where = toWhere(options?.where);
      const paging = toPaging(options);
      let base: CloudQuery = db.collection(collection);
      if (where) base = base.where(where);
      for (const [field, direction] of paging.orderBy) base = base.orderBy(field, direction);
      const out: unknown[] = [];
      let skip = paging.skip;
      // One get() returns at most PAGE_SIZE; keep asking until the caller's limit or the end.
      // (limit 0 must not reach the SDK: it treats 0 as "no limit" and returns 100.)
      while (out.length < paging.limit) {
        const want = Math.min(PAGE_SIZE, paging.limit - out.length);
        let query = base;
        if (skip > 0) query = query.skip(skip);
        const { data } = await query.limit(want).get();
        out.push(...data);
        if (data.length < want) break;
        skip += data.length;
      }
      return out as Array<Collections[typeof collection]>;
    },
    async count(collection, where?: Where) {
      assertCollection(collection);
      noQueriesInTransaction('count');
      const condition = toWhere(where);
      const query: CloudQuery = condition ? db.collection(collection).where(condition) : db.collection(collection);
      const { total } = await query.count();
      return total;
    },
    transactionScope: 'documents',
    async transaction(fn) {
      if (openScope()) return fn();
      const run = () =>
        db.runTransaction(async (transaction) => {
          const scope = { transaction, open: true };
          try {
            return await scopes.run(scope, fn);
          } finally {
            // Work fn left running must not use a committed transaction.
            scope.open = false;
          }
        });
      // Two actions changing one document at once (two staff deciding two names of one draft): the
      // later one's write conflicts and its transaction is rolled back. Run it again once the other
      // has had time to commit, from fresh reads (the port lets fn run more than once), instead of
      // answering the second person "系统繁忙".
      for (let attempt = 1; ; attempt++) {
        try {
          return await run();
        } catch (error) {
          if (!isWriteConflict(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 15)));
        }
      }
    },
    async migrate() {
      // Collections only: wx-server-sdk cannot create indexes — scripts/print-indexes.ts lists them
      // for the console.
      for (const name of Object.keys(COLLECTIONS)) {
        try {
          await db.createCollection(name);
        } catch (error) {
          if (!isCollectionExists(error)) throw error;
        }
      }
    },
    async close() {
      // The SDK keeps no connection per store.
    },
  };
}
