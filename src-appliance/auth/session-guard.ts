/**
 * Who is calling. Console clients send `Authorization: Bearer <token>`; the browser sends the
 * `session` cookie (HttpOnly, SameSite=Strict) and, on unsafe methods, `X-CSRF-Token` equal to the
 * `csrf_token` cookie, which must be the HMAC of its session token under the site secret (so a
 * cookie planted by a sibling subdomain does not pass). Sessions end after the policy's idle timeout.
 */
import crypto from 'node:crypto';
import { type FastifyReply, type FastifyRequest, type RouteOptions, type preHandlerAsyncHookHandler } from 'fastify';
import { type ApplianceContext } from '../context.js';
import { SESSION_SECURITY } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { requestCookies } from '../http/request-cookies.js';
import { cachedSecuritySettings, getSecuritySettings } from '../site/security-settings.js';
import { siteSecret } from '../site/site-state.js';
import { type SessionRestriction } from './tables.js';
import { sessionRepository } from './session-repository.js';
import { lookupSession, rememberRestriction } from './session-lookup.js';
import { type UserRow } from '../users/tables.js';

export const SESSION_COOKIE = 'session';
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most this often, so reads do not all turn into writes. */
const TOUCH_INTERVAL_MS = 15_000;

export interface RequestSession {
  id: string;
  userId: number;
  client: 'web' | 'console';
  /**
   * The session's own restriction, or `password_change` when the user's password must change, or
   * what a feature's session check asks now (`two_factor_enrollment` once 2FA became required).
   */
  restriction: SessionRestriction | null;
  installId: string | null;
  isAdmin: boolean;
  /** The user's row as read at the start of this request (frozen; re-read after changing it). */
  user: Readonly<UserRow>;
}

declare module 'fastify' {
  interface FastifyRequest {
    session: RequestSession | null;
  }
}

export async function csrfTokenFor(ctx: ApplianceContext, sessionToken: string): Promise<string> {
  return crypto
    .createHmac('sha256', await siteSecret(ctx))
    .update(`csrf:${sessionToken}`)
    .digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header.trim());
  return match ? match[1]! : '';
}

/**
 * Resolves the request's session, or throws 401 (`unauthenticated`, `session_expired`) or
 * 403 `csrf_failed`. Does not check restrictions (see requireSession).
 */
export async function authenticate(ctx: ApplianceContext, request: FastifyRequest): Promise<RequestSession> {
  let token = bearerToken(request);
  const viaCookie = token === null;
  if (viaCookie) token = requestCookies(request)[SESSION_COOKIE] ?? null;
  if (!token) throw httpError(401, 'unauthenticated', 'Log in first.');

  const found = await lookupSession(ctx, token);
  if (!found) throw httpError(401, 'unauthenticated', 'Log in first.');
  const { row, user } = found;

  const settings = cachedSecuritySettings(ctx) ?? (await getSecuritySettings(ctx));
  const now = ctx.clock.now();
  const nowMs = now.getTime();
  const idleMs = settings.session_idle_timeout_minutes * 60_000;
  if (!user.enabled || nowMs >= found.lastSeenMs + idleMs || nowMs >= found.expiresMs) {
    await sessionRepository(ctx.db).delete(row.id);
    ctx.events.revokeSessions([row.id], user.enabled ? 'expired' : 'disabled');
    throw httpError(401, 'session_expired', 'The session has ended. Log in again.');
  }

  if (viaCookie && !SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    const cookie = requestCookies(request)[CSRF_COOKIE];
    const expected = await csrfTokenFor(ctx, token);
    if (typeof header !== 'string' || !cookie || !safeEqual(header, cookie) || !safeEqual(header, expected)) {
      throw httpError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header.');
    }
  }

  if (nowMs - found.lastSeenMs >= TOUCH_INTERVAL_MS) {
    // Claimed before the write: the session's other requests in flight meanwhile share this entry
    // and must not each write it again (PostgreSQL, bench appliance-account: 100 UPDATEs at once).
    found.lastSeenMs = nowMs;
    await sessionRepository(ctx.db).touch(row.id, now.toISOString());
  }
  const passwordExpired =
    settings.password_expiration_days > 0 &&
    found.passwordChangedMs + settings.password_expiration_days * 86_400_000 <= nowMs;
  let restriction = row.restriction;
  if (restriction === null && (user.password_change_required || passwordExpired)) restriction = 'password_change';
  if (restriction === null) {
    restriction = await rememberRestriction(found, () => liveRestriction(ctx, user, row.client));
  }
  return {
    id: row.id,
    userId: row.user_id,
    client: row.client,
    restriction,
    installId: row.install_id,
    isAdmin: user.is_admin === 1,
    user,
  };
}

/** What the features' session checks ask of this session now (2FA required meanwhile, ...). */
async function liveRestriction(
  ctx: ApplianceContext,
  user: UserRow,
  client: RequestSession['client'],
): Promise<SessionRestriction | null> {
  for (const check of ctx.sessionChecks) {
    const restriction = await check(user, client);
    if (restriction) return restriction;
  }
  return null;
}

const RESTRICTION_ERRORS = {
  password_change: () => httpError(403, 'password_change_required', 'Change your password first.'),
  two_factor_enrollment: () =>
    httpError(403, 'two_factor_enrollment_required', 'Set up two-factor authentication first.'),
} as const;

/**
 * preHandler for routes that need a logged-in user. Restricted sessions (password must change,
 * two-factor enrolment pending) are refused unless `allowRestricted`.
 */
export function requireSession(
  ctx: ApplianceContext,
  opts: { allowRestricted?: boolean } = {},
): preHandlerAsyncHookHandler {
  return markGuard(async function sessionGuard(request: FastifyRequest, _reply: FastifyReply) {
    const session = await authenticate(ctx, request);
    request.session = session;
    if (session.restriction && !opts.allowRestricted) throw RESTRICTION_ERRORS[session.restriction]();
  });
}

/** preHandler for admin routes: an unrestricted session of an admin, else 403 forbidden. */
export function requireAdmin(ctx: ApplianceContext): preHandlerAsyncHookHandler {
  const base = requireSession(ctx);
  return markGuard(async function adminGuard(request: FastifyRequest, reply: FastifyReply) {
    await base.call(this, request, reply);
    if (!request.session?.isAdmin) throw httpError(403, 'forbidden', 'Only administrators may do this.');
  });
}

const GUARD = Symbol('session guard');
function markGuard<T extends object>(fn: T): T {
  return Object.assign(fn, { [GUARD]: true });
}
const isGuard = (fn: unknown): boolean =>
  typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[GUARD] === true;

/**
 * Authorization before validation: a route may list a guard as `preHandler` (or `onRequest`); this
 * `onRoute` hook moves guards to `onRequest`, so an anonymous caller or a technician on an admin
 * route gets 401/403 before the body is parsed or validated (no schema details leak to them).
 */
export function hoistGuardsOnRoute(route: RouteOptions): void {
  const pre = route.preHandler;
  const list = Array.isArray(pre) ? pre : pre ? [pre] : [];
  const guards = list.filter(isGuard);
  if (guards.length === 0) return;
  // The OpenAPI document then says what the guard enforces, even if the route forgot to.
  if (route.schema && !(route.schema as { security?: unknown }).security) {
    (route.schema as { security?: unknown }).security = SESSION_SECURITY;
  } else if (!route.schema) {
    route.schema = { security: SESSION_SECURITY } as RouteOptions['schema'];
  }
  const rest = list.filter((h) => !isGuard(h));
  route.preHandler = rest.length > 0 ? rest : undefined;
  const onRequest = Array.isArray(route.onRequest) ? route.onRequest : route.onRequest ? [route.onRequest] : [];
  route.onRequest = [...onRequest, ...guards] as RouteOptions['onRequest'];
}

/** Session-restriction helper for features that must know the current user without the guard. */
export function currentSession(request: FastifyRequest): RequestSession {
  if (!request.session) throw httpError(401, 'unauthenticated', 'Log in first.');
  return request.session;
}
