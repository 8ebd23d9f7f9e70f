/**
 * Redeems the provider's code (openid-client: PKCE verifier, state and nonce, the ID token's
 * issuer, audience, times and JWKS signature) and names what went wrong in the appliance's
 * codes: a provider that sends a token for someone else, an old one, one not signed by its
 * published keys, or one meant for another sign-in is refused each with its own code.
 */
import * as client from 'openid-client';
import { type ErrorCode } from '../../src-shared/errors.js';
import { type ApplianceContext } from '../context.js';
import { httpError, type ApiError } from '../http/api-error.js';
import { type IdentityProviderRow } from './identity-provider-repository.js';
import { type SsoSignInRow } from './sso-sign-in-repository.js';

export type Claims = Record<string, unknown> & { sub: string };

const CLAIM_CODES: Record<string, ErrorCode> = {
  iss: 'sso_issuer_mismatch',
  aud: 'sso_audience_mismatch',
  azp: 'sso_audience_mismatch',
  nonce: 'sso_nonce_mismatch',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  sso_issuer_mismatch: 'The ID token was issued by another issuer than this provider.',
  sso_audience_mismatch: 'The ID token is meant for another client.',
  sso_nonce_mismatch: 'The ID token belongs to another sign-in (nonce).',
  sso_token_expired: 'The ID token has expired or is not valid yet.',
  sso_signature_invalid: "The ID token is not signed with one of the provider's published keys.",
  sso_provider_error: 'The identity provider refused the sign-in.',
  sso_token_invalid: 'The identity provider answered with an invalid token.',
};

function refusal(code: ErrorCode, details: Record<string, unknown> = {}): ApiError {
  return httpError(401, code, MESSAGES[code] ?? 'The sign-in was refused.', details);
}

/** The appliance's error for what openid-client threw. */
export function tokenRefusal(err: unknown): ApiError {
  if (err instanceof client.ResponseBodyError || err instanceof client.AuthorizationResponseError)
    return refusal('sso_provider_error', { error: err.error });
  // The token endpoint refused the client itself (HTTP 401 with a challenge: a wrong client secret).
  if (err instanceof client.WWWAuthenticateChallengeError)
    return refusal('sso_provider_error', { error: err.cause[0]?.parameters.error ?? 'invalid_client' });
  const code = (err as { code?: string }).code;
  const cause = (err as { cause?: { message?: string; cause?: { claim?: string } } }).cause;
  const detail = cause?.cause;
  switch (code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      return refusal(CLAIM_CODES[detail?.claim ?? ''] ?? 'sso_token_invalid', { claim: detail?.claim });
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return refusal('sso_token_expired', { claim: detail?.claim });
    case 'OAUTH_KEY_SELECTION_FAILED':
    case 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED':
      return refusal('sso_signature_invalid');
    case 'OAUTH_INVALID_RESPONSE':
      if (/signature/i.test(cause?.message ?? '')) return refusal('sso_signature_invalid');
      break;
    case 'OAUTH_TIMEOUT':
    case 'OAUTH_ABORT':
      return httpError(502, 'identity_provider_unreachable', 'The identity provider could not be reached.');
  }
  if (err instanceof TypeError && !(err as { code?: string }).code)
    return httpError(502, 'identity_provider_unreachable', 'The identity provider could not be reached.');
  return refusal('sso_token_invalid');
}

/** The claims an ID token states, unchecked: only to know whom a refused token named. */
function unverifiedClaims(idToken: unknown): Record<string, unknown> | null {
  if (typeof idToken !== 'string' || idToken.length > 16_384) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Keeps the ID token the token endpoint answered, whether or not it passes the checks. */
function keepIdToken(config: client.Configuration): { idToken: unknown } {
  const kept: { idToken: unknown } = { idToken: undefined };
  const tokenEndpoint = config.serverMetadata().token_endpoint;
  config[client.customFetch] = async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    if (url === tokenEndpoint && res.ok)
      kept.idToken = await res
        .clone()
        .json()
        .then((b: { id_token?: unknown }) => b?.id_token)
        .catch(() => undefined);
    return res;
  };
  return kept;
}

/**
 * The claims of the verified ID token, completed from the UserInfo endpoint where the mapping needs
 * more. A refused token is handed to `refused` with the claims it stated (to count the failure
 * toward the user it named) before its error is thrown.
 */
export async function redeemCode(
  ctx: ApplianceContext,
  config: client.Configuration,
  provider: IdentityProviderRow,
  signIn: SsoSignInRow,
  callbackUrl: URL,
  state: string,
  refused: (error: ApiError, stated: Record<string, unknown> | null) => Promise<ApiError>,
): Promise<Claims> {
  const kept = keepIdToken(config);
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: signIn.code_verifier,
      expectedState: state,
      expectedNonce: signIn.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    const error = tokenRefusal(err);
    ctx.log.warn({ err, provider: provider.id, code: error.code }, 'single sign-on refused');
    throw await refused(error, unverifiedClaims(kept.idToken));
  }
  const claims = tokens.claims() as Claims;
  const wanted = [
    provider.username_claim,
    provider.display_name_claim,
    provider.email_claim,
    provider.admin_group_claim,
  ];
  if (wanted.every((c) => c === null || c in claims) || !config.serverMetadata().userinfo_endpoint) return claims;
  try {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { ...info, ...claims };
  } catch (err) {
    ctx.log.warn({ err, provider: provider.id }, 'userinfo request failed; using the ID token alone');
    return claims;
  }
}
