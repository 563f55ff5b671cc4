// Schema pieces shared by the function contracts. Titles are the Chinese field names used in errors.
import { Type } from '@sinclair/typebox';

export const dateField = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, Asia/Shanghai' });

/** A string from a fixed set: one `enum` keyword, so a wrong value gets one clear message. */
export const StringEnum = <T extends string>(values: readonly T[], options: { title: string }) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

export const emptyAction = <A extends string>(action: A) =>
  Type.Object({ action: Type.Literal(action) }, { additionalProperties: false });
