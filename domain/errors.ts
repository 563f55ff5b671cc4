// Errors a service raises on purpose. Each carries a contract error code and a Chinese message for
// the person; anything else that escapes a service is an internal error.
import type { ErrorCode } from '../types/contract';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, field?: string) => new AppError('BAD_INPUT', message, field);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
/** Too many attempts of one action by one account (issue 13): the message says when to try again. */
export const rateLimited = (message: string) => new AppError('RATE_LIMITED', message);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '请先登录');
