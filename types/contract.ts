// The one contract between the app, the cloud functions and the local host.
// A call is `{ action, ...fields }`; the answer is ApiResult. Over HTTP: POST /api/<function>.

export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  /** Chinese, fit to show a person. */
  message: string;
  /** Dotted path of the offending field, when one field is at fault (e.g. "itinerary.0.departDate"). */
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};
