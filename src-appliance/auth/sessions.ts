/**
 * Session records. The client holds an opaque random token (256 bits); the database holds only its
 * SHA-256, so a copy of the database does not let anyone log in. Each session also has a separate
 * random public `id` (shown in the session list, used to end it) that cannot authenticate.
 */
import crypto from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { type ApplianceContext } from '../context.js';
import { type SessionRestriction, type SessionsTable } from './tables.js';
import { sessionRepository } from './session-repository.js';
import { type LiveEventMap } from '../../src-shared/api/events.js';
import { type SignInMethod } from '../../src-shared/api/activity.js';
import { type SecondFactorMethod } from '../../src-shared/api/passkeys.js';

/** Absolute lifetime of a session, whatever its activity (ASVS 7.3.2); idle timeout is the policy's. */
export const SESSION_MAX_LIFETIME_MS = 12 * 60 * 60 * 1000;

export type RevokeReason = LiveEventMap['session.revoked']['reason'];

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export interface NewSession {
  userId: number;
  client: 'web' | 'console';
  installId: string | null;
  consoleVersion: string | null;
  restriction: SessionRestriction | null;
  ip: string;
  userAgent: string;
  /** What proved the person (for the security timeline, through the `signed_in` domain event). */
  method: SignInMethod;
  secondFactor: SecondFactorMethod | null;
}

/** Where a sign-in came from, as its session records it. */
export const requestOrigin = (request: FastifyRequest): Pick<NewSession, 'ip' | 'userAgent'> => ({
  ip: request.ip,
  userAgent: String(request.headers['user-agent'] ?? ''),
});

export async function createSession(
  ctx: ApplianceContext,
  s: NewSession,
): Promise<{ id: string; token: string; row: SessionsTable }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const id = crypto.randomBytes(16).toString('base64url');
  const now = ctx.clock.now();
  const row: SessionsTable = {
    id,
    token_hash: hashToken(token),
    user_id: s.userId,
    client: s.client,
    install_id: s.installId,
    console_version: s.consoleVersion,
    restriction: s.restriction,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_MAX_LIFETIME_MS).toISOString(),
    ip: s.ip.slice(0, 64),
    user_agent: s.userAgent.slice(0, 512),
  };
  await sessionRepository(ctx.db).insert(row);
  ctx.domain.emit('signed_in', {
    userId: s.userId,
    sessionId: id,
    client: s.client,
    consoleVersion: s.consoleVersion,
    ip: row.ip,
    userAgent: row.user_agent,
    method: s.method,
    secondFactor: s.secondFactor,
  });
  return { id, token, row };
}

/** When the session ends if left idle from now on (never later than its absolute expiry). */
export function sessionExpiresAt(row: Pick<SessionsTable, 'last_seen_at' | 'expires_at'>, idleMinutes: number): string {
  const idleEnd = Date.parse(row.last_seen_at) + idleMinutes * 60_000;
  return new Date(Math.min(idleEnd, Date.parse(row.expires_at))).toISOString();
}

export async function setSessionRestriction(
  ctx: ApplianceContext,
  sessionId: string,
  restriction: SessionRestriction | null,
): Promise<void> {
  await sessionRepository(ctx.db).setRestriction(sessionId, restriction);
}

/**
 * Ends sessions of a user (all, or all but `except`): deletes them, then tells their live sockets
 * (`session.revoked`) and closes them, and the features that keep account history
 * (`sessions.ended`). Returns the ids ended.
 */
export async function endSessions(
  ctx: ApplianceContext,
  userId: number,
  opts: { except?: string; reason: RevokeReason },
): Promise<string[]> {
  const ended = await sessionRepository(ctx.db).deleteForUser(userId, opts.except);
  ctx.events.revokeSessions(ended, opts.reason);
  if (ended.length > 0) ctx.domain.emit('sessions.ended', { userId, reason: opts.reason, count: ended.length });
  return ended;
}

/** Ends one session by id (of this user only). Returns whether it existed. */
export async function endSession(
  ctx: ApplianceContext,
  userId: number,
  sessionId: string,
  reason: RevokeReason,
): Promise<boolean> {
  const ended = await sessionRepository(ctx.db).deleteOne(userId, sessionId);
  if (ended) {
    ctx.events.revokeSessions([sessionId], reason);
    ctx.domain.emit('sessions.ended', { userId, reason, count: 1 });
  }
  return ended;
}
