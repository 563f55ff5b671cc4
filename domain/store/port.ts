// The store port: what the domain needs from a document database. Two adapters implement it:
// SQLite (local, embedded) and CloudBase (wx-server-sdk, production). Filters use only equality,
// ranges and `in` on fields, which both databases index.
import type { CollectionName, Collections } from './collections';

export type Scalar = string | number | boolean | null;

export type Condition =
  | Scalar
  | { $eq?: Scalar; $gt?: Scalar; $gte?: Scalar; $lt?: Scalar; $lte?: Scalar; $in?: Scalar[] };

/** Keys are dotted field paths (`destination.countyCode`). All conditions must hold. */
export type Where = Record<string, Condition>;

export interface FindOptions {
  where?: Where;
  orderBy?: Array<[field: string, direction: 'asc' | 'desc']>;
  /** At most this many; adapters page through their own limits to return them all. */
  limit?: number;
  skip?: number;
}

/** Thrown by `insert` when a document with the same `_id` (or unique index key) exists. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`);
    this.name = 'DuplicateKeyError';
  }
}

export interface Store {
  /** Inserts a new document; throws DuplicateKeyError if its `_id` or a unique key is taken. */
  insert<C extends CollectionName>(collection: C, doc: Collections[C]): Promise<void>;
  /** Inserts or replaces the whole document with this `_id`. */
  put<C extends CollectionName>(collection: C, doc: Collections[C]): Promise<void>;
  get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | null>;
  /** Sets top-level fields of an existing document; false when there is none. */
  update<C extends CollectionName>(collection: C, id: string, patch: Partial<Collections[C]>): Promise<boolean>;
  find<C extends CollectionName>(collection: C, options?: FindOptions): Promise<Array<Collections[C]>>;
  count<C extends CollectionName>(collection: C, where?: Where): Promise<number>;
  /**
   * Runs fn with its writes grouped for speed where the database can (one SQLite commit); elsewhere
   * it just runs fn. No atomicity is promised: callers' writes must be idempotent (job batches).
   */
  batch?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs fn as one transaction: all of its writes land, or none when it throws, and no other caller
   * sees them half-done. A call inside an open transaction joins it. What fn may do depends on
   * `transactionScope`; fn may run more than once (CloudBase retries on a conflict), so it must not
   * have effects outside the store.
   */
  transaction?<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * 'action': anything, queries included — a whole action fits (SQLite). 'documents': only get, insert,
   * put and update by `_id` (wx-server-sdk runTransaction: 事务中仅能进行单记录操作, no where/count);
   * find and count inside throw, and a failed write (a duplicate key) aborts the whole transaction.
   */
  readonly transactionScope?: 'action' | 'documents';
  /**
   * A value that differs whenever `collection` may have changed since it was last asked: after any
   * write to it through this store (an undone one too) and after any commit by another connection to
   * the same data. Only a store that can tell cheaply has it (SQLite); a caller may keep what it read
   * under the mark and read again when it differs. CloudBase cannot see other instances' writes.
   */
  changeMark?(collection: CollectionName): string;
  /** Creates collections and indexes that do not exist yet. Safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs fn in one transaction where the store has them, else as it is (test doubles). For the write
 * phase of an action, after its queries: on CloudBase only document operations fit, and a duplicate
 * key aborts the transaction — so check with `get` before an insert instead of catching the error.
 */
export function atomically<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  return store.transaction ? store.transaction(fn) : fn();
}
