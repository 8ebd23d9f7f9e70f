/**
 * Stable error codes of the appliance API. Every error response is
 * `{ "error": { "code", "message", "details" } }` with one of these codes; clients branch on the
 * code, never on the message. The same `ApiError` type is thrown by every ConsoleApi host
 * (browser over HTTP, Electron over IPC), so the renderer handles errors one way.
 */
export const ERROR_CODES = [
  // generic
  'bad_request',
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'internal_error',
  'network_error',
  'conflict',
  // authentication and sessions
  'unauthenticated',
  'session_expired',
  'csrf_failed',
  'forbidden',
  'invalid_credentials',
  'otp_required',
  'otp_invalid',
  'account_locked',
  'account_disabled',
  'password_change_required',
  'two_factor_enrollment_required',
  'username_mismatch',
  'username_taken',
  // account
  'password_policy',
  'two_factor_enforced',
  'two_factor_not_enabled',
  'two_factor_not_pending',
  'extended_availability_not_allowed',
  'language_not_enabled',
  'representative_unavailable',
  'photo_too_large',
  'photo_too_small',
  'photo_unsupported_type',
  'photo_corrupt',
  'photo_too_many_pixels',
  'reset_token_invalid',
  'token_invalid',
  // console, updates and downloads
  'console_update_required',
  'update_token_invalid',
  'console_client_required',
  'download_unavailable',
  'range_not_satisfiable',
  // desktop console only
  'ipc_sender_refused',
  'ipc_invalid_arguments',
  'site_not_configured',
  'insecure_site_url',
  'download_write_failed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The error every ConsoleApi host throws: HTTP status (0 when no response), code, message, details. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(status: number, body: unknown): ApiError {
    const err = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
    if (err && typeof err.code === 'string' && isErrorCode(err.code)) {
      return new ApiError(
        status,
        err.code,
        String(err.message ?? err.code),
        (err.details as Record<string, unknown>) ?? {},
      );
    }
    return new ApiError(status, status >= 500 ? 'internal_error' : 'bad_request', `HTTP ${status}`);
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
