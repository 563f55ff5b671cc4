// Which index of COLLECTIONS serves a query, by the rule both databases plan with: an index whose
// leading fields are exactly the query's equality fields (in any order; `$in` counts as equality),
// whose next field is the range or sort field, and which holds every other range and sort field
// too. Anything else makes the database read more than it answers — on CloudBase a collection scan
// or an in-memory sort of every match; on SQLite a SCAN or a temp B-tree over the matches.
// Used by the query catalogue (test/store/query-catalogue.test.ts, docs/queries.md).
import { COLLECTIONS, type CollectionName } from './collections';
import type { Condition, FindOptions, Where } from './port';

export interface QueryShape {
  collection: CollectionName;
  kind: 'find' | 'count';
  /** Fields compared for equality (`$eq` or a bare value) or membership (`$in`), sorted. */
  equal: string[];
  /** Fields with `$gt/$gte/$lt/$lte`, sorted. */
  range: string[];
  /** The sort the caller asked for (the adapters add `_id` last themselves; not listed here). */
  orderBy: Array<[string, 'asc' | 'desc']>;
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isOperators(condition: Condition): condition is Exclude<Condition, string | number | boolean | null> {
  return condition !== null && typeof condition === 'object';
}

export function shapeOf(collection: CollectionName, kind: QueryShape['kind'], where: Where | undefined, orderBy: FindOptions['orderBy']): QueryShape {
  const equal = new Set<string>();
  const range = new Set<string>();
  for (const [field, condition] of Object.entries(where ?? {})) {
    if (!isOperators(condition)) equal.add(field);
    else
      for (const op of Object.keys(condition)) {
        if (RANGE_OPS.has(op)) range.add(field);
        else equal.add(field); // $eq, $in
      }
  }
  // A field both equal and ranged is pinned by the equality.
  for (const f of equal) range.delete(f);
  return { collection, kind, equal: [...equal].sort(), range: [...range].sort(), orderBy: [...(orderBy ?? [])] };
}

/** A stable one-line text of a shape: `reports find where destination.countyCode = , arrivalDate > order _id`. */
export function describeShape(s: QueryShape): string {
  const where = [...s.equal.map((f) => `${f} =`), ...s.range.map((f) => `${f} ≷`)].join(', ');
  const order = s.orderBy.map(([f, d]) => (d === 'desc' ? `${f} desc` : f)).join(', ');
  return `${s.kind}${where ? ` where ${where}` : ''}${order ? ` order by ${order}` : ''}`;
}

/** `_id` is every collection's own index. */
const ID_INDEX = { name: '_id', fields: ['_id'] };

/**
 * The name of the index that serves the query, or null when none does. A count with no condition
 * is '(whole)': MongoDB answers it from the collection's metadata (SQLite counts its smallest index).
 */
export function servingIndex(s: QueryShape): string | null {
  const sortFields = s.orderBy.map(([f]) => f);
  if (!s.equal.length && !s.range.length && !sortFields.length) return s.kind === 'count' ? '(whole)' : null;
  // By ids: the primary key finds at most the ids asked for, whatever else the query filters on or
  // sorts by (a worklist reading its people's codes by id and color).
  if (s.equal.includes('_id')) return ID_INDEX.name;
  const rest = [...new Set([...s.range, ...sortFields])];
  for (const index of [ID_INDEX, ...COLLECTIONS[s.collection].indexes]) {
    const fields = index.fields;
    const k = s.equal.length;
    if (fields.length < k || !fields.slice(0, k).every((f) => s.equal.includes(f))) continue;
    if (rest.length && !rest.includes(fields[k]!)) continue;
    if (!rest.every((f) => fields.indexOf(f) >= k)) continue;
    // Sort fields in the index's order (a sort on b then a is not served by an index on a, b).
    const at = sortFields.map((f) => fields.indexOf(f));
    if (at.some((p, i) => i > 0 && p < at[i - 1]!)) continue;
    return index.name;
  }
  return null;
}
