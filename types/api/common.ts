// Schema pieces shared by the function contracts. Titles are the Chinese field names used in errors.
import { Type } from '@sinclair/typebox';

export const dateField = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });

/** A client's id for one request (a form, a tap): a retry sends the same one, and the server dedupes on it. */
export const requestIdField = Type.String({ title: '请求编号', minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** A string from a fixed set: one `enum` keyword, so a wrong value gets one clear message. */
export const StringEnum = <T extends string>(values: readonly T[], options: { title: string }) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

export const emptyAction = <A extends string>(action: A) =>
  Type.Object({ action: Type.Literal(action) }, { additionalProperties: false });

/**
 * Paging of a staff list (issue 13: a daily list stopped at 5,000 rows and a red arrival fell off it).
 * `cursor` is opaque, from the previous page's `nextCursor`; the answer says how many there are in all.
 */
export const pageFields = {
  cursor: Type.Optional(Type.String({ title: '翻页位置', minLength: 1, maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: 500 })),
};

/** What every paged staff list answers beside its items. */
export interface PageInfo {
  total: number;
  /** Absent on the last page. */
  nextCursor?: string;
}
