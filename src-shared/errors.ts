/**
 * The error envelope, declared once: stable error codes, the `{ code, message, details }` body,
 * the HTTP error answer `{ "error": body }` (also the OpenAPI error response), the IPC error
 * (the body plus the HTTP status), and `ApiError`, which every ConsoleApi host throws (browser over
 * HTTP, Electron over IPC), so the renderer handles errors one way. Clients branch on the code,
 * never on the message.
 */
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

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

/** `{ code, message, details }`: what every error says, wherever it travels. */
export const ErrorBody = Type.Object({
  code: Type.Enum(ERROR_CODES),
  message: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** Every error answer of the appliance's HTTP API (registered as the OpenAPI `ErrorResponse`). */
export const ErrorResponse = Type.Object({ error: ErrorBody });
export type ErrorResponse = Static<typeof ErrorResponse>;

/** An error as it crosses IPC: the body plus the HTTP status (0 when no response came). */
export const IpcError = Type.Object({ status: Type.Integer({ minimum: 0 }), ...ErrorBody.properties });
export type IpcError = Static<typeof IpcError>;

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
    if (Value.Check(ErrorResponse, body)) {
      const { code, message, details } = body.error;
      return new ApiError(status, code, message, details);
    }
    return new ApiError(status, status >= 500 ? 'internal_error' : 'bad_request', `HTTP ${status}`);
  }

  toIpcError(): IpcError {
    return { status: this.status, ...this.toBody() };
  }

  /** An IPC error as an ApiError; null when `value` is not one. */
  static fromIpcError(value: unknown): ApiError | null {
    if (!Value.Check(IpcError, value)) return null;
    return new ApiError(value.status, value.code, value.message, value.details);
  }
}

export function isErrorCode(value: string): value is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(value);
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
