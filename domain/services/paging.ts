// Paging of staff lists (issue 13, High 2): every list answers a page, the total, and a cursor to the
// next page, so nobody falls off the end of a list. Lists computed in memory (the daily arrivals,
// the conversion worklists) read every candidate in chunks first — never a silent `limit` — and page
// the sorted result; lists read straight from the store page there with `skip`.
import { badInput } from '../errors';
import type { CollectionName, Collections } from '../store/collections';
import type { FindOptions, Store, Where } from '../store/port';

export const DEFAULT_PAGE = 100;

export interface PageInput {
  cursor?: string;
  limit?: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  /** The count stopped at the cap asked for: there are more than `total`. */
  totalCapped?: true;
  nextCursor?: string;
}

const encode = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/** The offset a cursor names; a cursor we did not make is bad input, named on `cursor`. */
export function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^o:(\d{1,9})$/.exec(/^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '');
  if (!m) throw badInput('翻页位置无效，请从第一页重新查看', 'cursor');
  return Number(m[1]);
}

/** A page of a list already in memory (sorted the way it is shown). */
export function pageOf<T>(all: T[], input: PageInput, defaultLimit = DEFAULT_PAGE): Paged<T> {
  const from = offsetOf(input.cursor);
  const limit = input.limit ?? defaultLimit;
  const items = all.slice(from, from + limit);
  return { items, total: all.length, ...(from + limit < all.length ? { nextCursor: encode(from + limit) } : {}) };
}

/**
 * A page straight from the store: `skip` to the cursor, and the count of all that match. With
 * `countCap`, the count stops there (a log of millions is not counted for every page): one document
 * looked up past the cap says whether there are more, and only a smaller match is counted exactly.
 */
export async function pageFromStore<C extends CollectionName>(
  store: Store,
  collection: C,
  options: { where: Where; orderBy: NonNullable<FindOptions['orderBy']>; countCap?: number },
  input: PageInput,
  defaultLimit = DEFAULT_PAGE,
): Promise<Paged<Collections[C]>> {
  const from = offsetOf(input.cursor);
  const limit = input.limit ?? defaultLimit;
  const { countCap, ...query } = options;
  if (countCap === undefined) {
    const [items, total] = await Promise.all([store.find(collection, { ...query, skip: from, limit }), store.count(collection, query.where)]);
    return { items, total, ...(from + items.length < total ? { nextCursor: encode(from + items.length) } : {}) };
  }
  // One more than the page says whether a next page follows, without the total.
  const [rows, past] = await Promise.all([
    store.find(collection, { ...query, skip: from, limit: limit + 1 }),
    store.find(collection, { ...query, skip: countCap, limit: 1 }),
  ]);
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? { nextCursor: encode(from + items.length) } : {};
  if (past.length) return { items, total: countCap, totalCapped: true, ...next };
  return { items, total: await store.count(collection, query.where), ...next };
}

/** Every document that matches, read in chunks by `_id` (no silent cut-off at a limit). */
export async function findAll<C extends CollectionName>(store: Store, collection: C, where: Where, chunk = 2000): Promise<Array<Collections[C]>> {
  const out: Array<Collections[C]> = [];
  let after: string | null = null;
  for (;;) {
    const docs: Array<Collections[C]> = await store.find(collection, {
      where: after === null ? where : { ...where, _id: { $gt: after } },
      orderBy: [['_id', 'asc']],
      limit: chunk,
    });
    out.push(...docs);
    if (docs.length < chunk) return out;
    after = (docs[docs.length - 1] as { _id: string })._id;
  }
}

/** Where a walk in (date, `_id`) order stopped: the last document read (none: from the start). */
export interface DateCursor {
  date?: string;
  after: string;
}

/**
 * The next `limit` documents of one key (`where`, equality only) on or after `from`, in (dateField, `_id`)
 * order, resuming after `cursor`. With an index (key…, dateField, `_id`) both queries are plain index
 * walks: paging by `_id` alone over a date range made the database gather and sort every row of the key
 * for each page, so a job read a city of 35,000 arrivals eighteen times over (quadratic in the key's size).
 */
export async function pageByDate<C extends CollectionName>(
  store: Store,
  collection: C,
  options: { where: Where; dateField: string; from: string; cursor: DateCursor; limit: number },
): Promise<Array<Collections[C]>> {
  const { where, dateField, from, cursor, limit } = options;
  const out: Array<Collections[C]> = [];
  // The rest of the day the cursor stopped in, then the days after it.
  if (cursor.after && cursor.date !== undefined) {
    out.push(...(await store.find(collection, { where: { ...where, [dateField]: cursor.date, _id: { $gt: cursor.after } }, orderBy: [['_id', 'asc']], limit })));
  }
  if (out.length < limit) {
    const date = cursor.after && cursor.date !== undefined ? { $gt: cursor.date } : { $gte: from };
    out.push(
      ...(await store.find(collection, {
        where: { ...where, [dateField]: date },
        orderBy: [
          [dateField, 'asc'],
          ['_id', 'asc'],
        ],
        limit: limit - out.length,
      })),
    );
  }
  return out;
}

