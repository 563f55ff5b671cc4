// Shared by both store adapters: validates what the domain passes in (collection names, field
// paths, conditions, paging) and turns a Where into a flat list of checks. Both adapters reject the
// same bad input the same way, so a query that works locally cannot silently mean something else
// in production.
import { COLLECTIONS, type CollectionName } from '../domain/store/collections';
import type { Condition, FindOptions, Scalar, Where } from '../domain/store/port';

/** Dotted field paths only: these are spliced into SQL identifiers and JSON paths, never values. */
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export type Op = 'eq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in';

export interface Check {
  field: string;
  op: Op;
  /** A Scalar for every op but `in`, which carries a Scalar[]. */
  value: Scalar | Scalar[];
}

const OPERATORS: Record<string, Op> = {
  $eq: 'eq',
  $gt: 'gt',
  $gte: 'gte',
  $lt: 'lt',
  $lte: 'lte',
  $in: 'in',
};

export function assertCollection(name: string): asserts name is CollectionName {
  // Collection names become table names: only the ones defined in COLLECTIONS are allowed.
  if (!Object.prototype.hasOwnProperty.call(COLLECTIONS, name)) {
    throw new Error(`unknown collection: ${String(name)}`);
  }
}

export function assertFieldPath(path: string): void {
  if (typeof path !== 'string' || !FIELD_PATH.test(path)) {
    throw new Error(`invalid field path: ${JSON.stringify(path)}`);
  }
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function assertScalar(field: string, value: unknown): asserts value is Scalar {
  if (!isScalar(value)) {
    // `undefined` in particular: CloudBase drops undefined keys, which would turn
    // `{ accountId: undefined }` into "match everything". Refuse it everywhere.
    throw new Error(`invalid value for ${field}: ${value === undefined ? 'undefined' : JSON.stringify(value)}`);
  }
}

/** Flattens a Where into checks; throws on anything the port does not define. */
export function toChecks(where: Where | undefined): Check[] {
  const checks: Check[] = [];
  if (where === undefined) return checks;
  if (where === null || typeof where !== 'object' || Array.isArray(where)) {
    throw new Error('where must be an object');
  }
  for (const [field, condition] of Object.entries(where) as Array<[string, Condition]>) {
    assertFieldPath(field);
    if (condition === null || typeof condition !== 'object') {
      assertScalar(field, condition);
      checks.push({ field, op: 'eq', value: condition });
      continue;
    }
    if (Array.isArray(condition)) throw new Error(`invalid condition for ${field}: use $in for arrays`);
    for (const [key, value] of Object.entries(condition)) {
      const op = OPERATORS[key];
      if (!op) throw new Error(`unsupported operator ${key} on ${field}`);
      if (op === 'in') {
        if (!Array.isArray(value)) throw new Error(`$in on ${field} needs an array`);
        value.forEach((v) => assertScalar(field, v));
        checks.push({ field, op, value: value as Scalar[] });
      } else {
        assertScalar(field, value);
        checks.push({ field, op, value });
      }
    }
  }
  return checks;
}

export interface Paging {
  orderBy: Array<[string, 'asc' | 'desc']>;
  /** Infinity when the caller wants everything. */
  limit: number;
  skip: number;
}

/**
 * Validates orderBy/skip/limit and appends `_id` as the last sort key: pages fetched one after
 * another (CloudBase) and ties (both adapters) must come back in one stable order.
 */
export function toPaging(options: FindOptions | undefined): Paging {
  const orderBy: Array<[string, 'asc' | 'desc']> = [];
  for (const entry of options?.orderBy ?? []) {
    const [field, direction] = entry;
    assertFieldPath(field);
    if (direction !== 'asc' && direction !== 'desc') throw new Error(`invalid direction for ${field}`);
    orderBy.push([field, direction]);
  }
  if (!orderBy.some(([field]) => field === '_id')) orderBy.push(['_id', 'asc']);
  const limit = options?.limit ?? Infinity;
  const skip = options?.skip ?? 0;
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0)) throw new Error('limit must be a non-negative integer');
  if (!(Number.isInteger(skip) && skip >= 0)) throw new Error('skip must be a non-negative integer');
  return { orderBy, limit, skip };
}

/** The unique indexes of a collection, for naming the key in DuplicateKeyError. */
export function uniqueIndexes(collection: CollectionName) {
  return COLLECTIONS[collection].indexes.filter((index) => index.unique);
}
