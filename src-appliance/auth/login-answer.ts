/**
 * The answer to a successful sign-in, whatever proved it (password, passkey): console clients get
 * the bearer token in the body; browsers get it only as the HttpOnly SameSite=Strict `session`
 * cookie (Secure when the public URL is https) plus a readable `csrf_token` cookie whose value
 * they echo in X-CSRF-Token.
 */
import { type FastifyReply } from 'fastify';
import { type ClientKind, type LoginResponse } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { buildAccount } from '../account/account-view.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { type SessionRestriction } from './tables.js';
import { type UserRow } from '../users/tables.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor } from './session-guard.js';
import { type createSession, sessionExpiresAt } from './sessions.js';

export function sessionCookieOptions(ctx: ApplianceContext, httpOnly: boolean) {
  return { path: '/', sameSite: 'strict' as const, httpOnly, secure: ctx.publicUrl().startsWith('https:') };
}

export interface SignedIn {
  user: UserRow;
  session: Awaited<ReturnType<typeof createSession>>;
  restriction: SessionRestriction | null;
}

/** Sets a browser's session cookies (the HttpOnly session, the readable CSRF token); the CSRF token. */
export async function setSessionCookies(ctx: ApplianceContext, reply: FastifyReply, token: string): Promise<string> {
  const csrf_token = await csrfTokenFor(ctx, token);
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx, true));
  reply.setCookie(CSRF_COOKIE, csrf_token, sessionCookieOptions(ctx, false));
  return csrf_token;
}

export async function sendLoginAnswer(
  ctx: ApplianceContext,
  reply: FastifyReply,
  client: ClientKind,
  { user, session, restriction }: SignedIn,
): Promise<FastifyReply> {
  const settings = await getSecuritySettings(ctx);
  const expires_at = sessionExpiresAt(session.row, settings.session_idle_timeout_minutes);
  const account = await buildAccount(ctx, user, restriction);
  if (client === 'console') return reply.send({ token: session.token, expires_at, account } satisfies LoginResponse);
  const csrf_token = await setSessionCookies(ctx, reply, session.token);
  return reply.send({ csrf_token, expires_at, account } satisfies LoginResponse);
}
