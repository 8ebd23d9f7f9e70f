/**
 * ApiError and the stable error codes, without TypeBox: the error every ConsoleApi host throws
 * (browser over HTTP, Electron over IPC), so the renderer handles errors one way, and
 * `isErrorResponse`, the one check of the appliance's `{ error }` answer written out by hand. The
 * renderer imports this module, not errors.ts (a lint rule): it reads error answers before the
 * login screen's first paint (the session check's 401, a site that cannot be reached), and with the
 * schemas TypeBox was in the start chunk, which held that paint back by about 60 ms. errors.ts
 * builds the envelope's schemas from these codes and exports all of this too. Clients branch on
 * the code, never on the message.
 */
export const ERROR_CODES = [
  // generic
  'bad_request',
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'invalid_text',
  'request_timeout',
  'headers_too_large',
  'websocket_handshake_invalid',
  'not_found',
  'method_not_allowed',
  'rate_limited',
  'internal_error',
  'network_error',
  'conflict',
  'not_ready',
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
  'current_factor_required',
  'extended_availability_not_allowed',
  'language_not_enabled',
  'representative_unavailable',
  'photo_too_large',
  'photo_too_small',
  'photo_unsupported_type',
  'photo_corrupt',
  'photo_too_many_pixels',
  'reset_token_invalid',
  'password_reset_disabled',
  'token_invalid',
  // administration
  'self_lockout',
  'identity_provider_required',
  // passkeys
  'passkeys_not_allowed',
  'passwordless_not_allowed',
  'passkeys_unavailable',
  'passkey_limit_reached',
  'passkey_already_registered',
  'recent_sign_in_required',
  'passkey_challenge_invalid',
  'passkey_invalid',
  'passkey_unknown',
  'passkey_flagged',
  'user_verification_required',
  // console, updates and downloads
  'console_update_required',
  'update_token_invalid',
  'console_client_required',
  'download_unavailable',
  'range_not_satisfiable',
  'upload_incomplete',
  'upload_stalled',
  'file_name_invalid',
  'file_type_mismatch',
  'release_unsigned',
  'release_signature_invalid',
  'release_exists',
  'download_not_replaceable',
  // desktop console only
  'ipc_sender_refused',
  'ipc_invalid_arguments',
  'site_not_configured',
  'insecure_site_url',
  'site_change_refused',
  'download_write_failed',
  'update_not_ready',
  // single sign-on (OpenID Connect)
  'insecure_issuer_url',
  'identity_provider_invalid',
  'identity_provider_disabled',
  'identity_provider_unreachable',
  'sso_required',
  'sso_state_invalid',
  'sso_provider_error',
  'sso_issuer_mismatch',
  'sso_audience_mismatch',
  'sso_token_expired',
  'sso_nonce_mismatch',
  'sso_signature_invalid',
  'sso_token_invalid',
  'sso_username_invalid',
  'sso_user_unknown',
  // sign-in through the system browser (RFC 8252): the appliance's side
  'desktop_redirect_invalid',
  'desktop_challenge_invalid',
  'desktop_state_invalid',
  'desktop_request_invalid',
  'desktop_code_invalid',
  'desktop_code_used',
  'desktop_code_expired',
  'desktop_verifier_mismatch',
  'desktop_redirect_mismatch',
  // ... and the console's
  'desktop_state_mismatch',
  'desktop_callback_repeated',
  'desktop_sign_in_timeout',
  'desktop_sign_in_cancelled',
  'desktop_sign_in_denied',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** `{ code, message, details }`: what every error says (the schema is `ErrorBody` in errors.ts). */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

/** The appliance's HTTP error answer (the schema is `ErrorResponse` in errors.ts). */
export interface ErrorResponse {
  error: ErrorBody;
}

/** An error as it crosses IPC: the body plus the HTTP status, 0 when no response came (`IpcError` in errors.ts). */
export interface IpcError extends ErrorBody {
  status: number;
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

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }

  /** The appliance's `{ error }` answer as an ApiError; any other body gets a generic code for its status. */
  static fromBody(status: number, body: unknown): ApiError {
    if (isErrorResponse(body)) {
      const { code, message, details } = body.error;
      return new ApiError(status, code, message, details);
    }
    return new ApiError(status, status >= 500 ? 'internal_error' : 'bad_request', `HTTP ${status}`);
  }

  toIpcError(): IpcError {
    return { status: this.status, ...this.toBody() };
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** An object and not an array: what TypeBox takes for a JSON Schema `object`. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `value` is the appliance's `{ error }` answer: exactly what `Value.Check(ErrorResponse, value)`
 * accepts (test/shared/error-response-check.test.ts compares the two on valid, malformed and odd
 * bodies), written out so the renderer's start needs no TypeBox. Other fields are allowed, as the
 * schema allows them.
 */
export function isErrorResponse(value: unknown): value is ErrorResponse {
  if (!isObject(value) || !isObject(value.error)) return false;
  const { code, message, details } = value.error;
  return typeof code === 'string' && isErrorCode(code) && typeof message === 'string' && isObject(details);
}
