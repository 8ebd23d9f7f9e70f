import { ApiError, type ErrorCode } from '../../src-shared/errors.js';

/** Throw from a route: becomes `{ error: { code, message, details } }` with this status. */
export function httpError(
  status: number,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): ApiError {
  return new ApiError(status, code, message, details);
}
export { ApiError };
