/**
 * The steps of a browser sign-in on the appliance's side, for the routes here and for single
 * sign-on (which completes a desktop request itself after the identity provider's callback):
 * open a request from the console's authorization parameters, then approve it for a user (a
 * one-time code, 60 s, bound to the challenge and the redirect URI) or refuse it. Both answer
 * where the browser goes next: the console's loopback callback with `code` or `error`, and `state`.
 */
import {
  CODE_CHALLENGE_PATTERN,
  DESKTOP_CODE_TTL_MS,
  DESKTOP_REQUEST_TTL_MS,
  type DesktopAuthorizeQuery,
  isLoopbackRedirectUri,
  STATE_PATTERN,
} from '../../src-shared/api/desktop-sign-in.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { desktopSignInRepository, type DesktopSignInRow } from './desktop-sign-in-repository.js';
import { hashCode, randomId } from './pkce.js';

/** Rows are kept this long after their request expired, so a replayed code is known as used. */
const KEEP_AFTER_EXPIRY_MS = 60 * 60_000;

/** Checks the console's parameters and stores the request; its id. */
export async function openDesktopRequest(ctx: ApplianceContext, q: DesktopAuthorizeQuery): Promise<string> {
  if (!q.redirect_uri || !isLoopbackRedirectUri(q.redirect_uri))
    throw httpError(
      400,
      'desktop_redirect_invalid',
      'redirect_uri must be http://127.0.0.1:<port>/callback or http://[::1]:<port>/callback.',
    );
  if (q.code_challenge_method !== 'S256' || !new RegExp(CODE_CHALLENGE_PATTERN).test(q.code_challenge ?? ''))
    throw httpError(
      400,
      'desktop_challenge_invalid',
      'A PKCE code_challenge with code_challenge_method=S256 is required.',
    );
  if (!q.state || !new RegExp(STATE_PATTERN).test(q.state))
    throw httpError(400, 'desktop_state_invalid', 'state must be 16 to 128 unreserved characters.');

  const now = ctx.clock.now();
  const requests = desktopSignInRepository(ctx.db);
  await requests.pruneExpiredBefore(new Date(now.getTime() - KEEP_AFTER_EXPIRY_MS).toISOString());
  const id = randomId(16);
  await requests.insert({
    id,
    code_challenge: q.code_challenge!,
    redirect_uri: q.redirect_uri,
    state: q.state,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + DESKTOP_REQUEST_TTL_MS).toISOString(),
  });
  return id;
}

export function requestGone() {
  return httpError(
    404,
    'desktop_request_invalid',
    'This desktop sign-in is unknown, expired or already answered. Start it again from the console.',
  );
}

export async function findOpenDesktopRequest(ctx: ApplianceContext, id: string): Promise<DesktopSignInRow> {
  const row = await desktopSignInRepository(ctx.db).findOpen(id, ctx.clock.now().toISOString());
  if (!row) throw requestGone();
  return row;
}

function callback(row: DesktopSignInRow, params: Record<string, string>): string {
  const url = new URL(row.redirect_uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  url.searchParams.set('state', row.state);
  return url.href;
}

/** Approves the request for this user; the callback URL with the one-time code. */
export async function approveDesktopRequest(
  ctx: ApplianceContext,
  id: string,
  userId: number,
  restriction: DesktopSignInRow['restriction'],
): Promise<string> {
  const now = ctx.clock.now();
  const code = randomId(32);
  const row = await desktopSignInRepository(ctx.db).approve(id, now.toISOString(), {
    userId,
    restriction,
    codeHash: hashCode(code),
    codeExpiresAt: new Date(now.getTime() + DESKTOP_CODE_TTL_MS).toISOString(),
  });
  if (!row) throw requestGone();
  return callback(row, { code });
}

/** Refuses the request (RFC 6749 §4.1.2.1 `access_denied`); the callback URL that tells the console. */
export async function denyDesktopRequest(ctx: ApplianceContext, id: string): Promise<string> {
  const row = await desktopSignInRepository(ctx.db).deny(id, ctx.clock.now().toISOString());
  if (!row) throw requestGone();
  return callback(row, { error: 'access_denied' });
}
