/**
 * Sign-in of the desktop console through the system browser: OAuth 2.0 for Native Apps (RFC 8252)
 * with PKCE (RFC 7636). The console listens on a loopback port, sends the browser to
 * `GET /api/auth/desktop/authorize`; the person signs in at the web console, which approves the
 * request; the browser is sent to the loopback `/callback` with a one-time code; the console
 * exchanges it at `POST /api/auth/desktop/token` for the same answer as a console login.
 */
import Type, { type Static } from 'typebox';

export const DESKTOP_AUTHORIZE_PATH = '/api/auth/desktop/authorize';
export const DESKTOP_TOKEN_PATH = '/api/auth/desktop/token';

/** How long an authorization request waits for the person (the console listens as long). */
export const DESKTOP_REQUEST_TTL_MS = 5 * 60_000;
/** How long the one-time code is valid after the person approved. */
export const DESKTOP_CODE_TTL_MS = 60_000;

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const CODE_VERIFIER_PATTERN = '^[A-Za-z0-9._~-]{43,128}$';
/** An S256 challenge: BASE64URL of a SHA-256 digest, 43 characters. */
export const CODE_CHALLENGE_PATTERN = '^[A-Za-z0-9_-]{43}$';
/** The console's `state`, echoed back unchanged. */
export const STATE_PATTERN = '^[A-Za-z0-9._~-]{16,128}$';

/** RFC 8252 §7.3: the console's loopback listener; any port, this one path, literal loopback only. */
const LOOPBACK_REDIRECT = /^http:\/\/(?:127\.0\.0\.1|\[::1\]):([1-9][0-9]{0,4})\/callback$/;

export function isLoopbackRedirectUri(uri: string): boolean {
  const m = LOOPBACK_REDIRECT.exec(uri);
  return m !== null && Number(m[1]) <= 65535;
}

/** The public id of an authorization request (in the web console's address while the person signs in). */
export const DesktopRequestId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' });

/**
 * `GET /api/auth/desktop/authorize`. Every field is checked by the handler, so each refusal has its
 * own code (`desktop_redirect_invalid`, `desktop_challenge_invalid`, `desktop_state_invalid`);
 * unknown parameters are ignored (RFC 6749 §3.1).
 */
export const DesktopAuthorizeQuery = Type.Object({
  redirect_uri: Type.Optional(Type.String({ maxLength: 2048 })),
  code_challenge: Type.Optional(Type.String({ maxLength: 2048 })),
  code_challenge_method: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(Type.String({ maxLength: 2048 })),
  /** Go straight to this identity provider instead of the sign-in screen. */
  identity_provider: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,8}$' })),
});
export type DesktopAuthorizeQuery = Static<typeof DesktopAuthorizeQuery>;

/** `POST /api/auth/desktop/token`; answers like `POST /api/auth/login` for a console. */
export const DesktopTokenRequest = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 256 }),
    code_verifier: Type.String({ pattern: CODE_VERIFIER_PATTERN }),
    redirect_uri: Type.String({ minLength: 1, maxLength: 2048 }),
    install_id: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
    console_version: Type.String({ maxLength: 32 }),
  },
  { additionalProperties: false },
);
export type DesktopTokenRequest = Static<typeof DesktopTokenRequest>;

/** `GET /api/auth/desktop/requests/{id}`: a request the person can still approve. */
export const DesktopSignInRequest = Type.Object({ id: DesktopRequestId, expires_at: Type.String() });
export type DesktopSignInRequest = Static<typeof DesktopSignInRequest>;

/** The answer to approving or refusing a request: where the browser goes next (the loopback callback). */
export const DesktopSignInDecision = Type.Object({ redirect_to: Type.String() });
export type DesktopSignInDecision = Static<typeof DesktopSignInDecision>;

/** What the login screen asks main for: the browser sign-in, optionally straight to one provider. */
export const BrowserSignInOptions = Type.Object(
  {
    identity_provider_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999_999 })),
    /** The web console only: the desktop sign-in this browser sign-in completes. */
    desktop_request: Type.Optional(DesktopRequestId),
  },
  { additionalProperties: false },
);
export type BrowserSignInOptions = Static<typeof BrowserSignInOptions>;

/** The web console's pages of the flow (hash routes of /console/). */
export const desktopSignInPage = (requestId: string): string =>
  `/console/#/desktop-sign-in?request=${encodeURIComponent(requestId)}`;
/** Where main sends the browser once the console has the session (or could not get it). */
export const desktopSignInResultPage = (error?: string): string =>
  error ? `/console/#/desktop-sign-in/failed?error=${encodeURIComponent(error)}` : '/console/#/desktop-sign-in/done';
