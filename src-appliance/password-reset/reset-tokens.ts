/**
 * Reset tokens: 256 random bits, stored as SHA-256 (./reset-token-repository.ts). Issuing one
 * supersedes the user's older ones; redeeming one works once even under parallel clicks.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { type Db } from '../db/engine.js';
import { resetTokenRepository } from './reset-token-repository.js';

export const RESET_VALID_HOURS = 24;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new link's token: store it (storeResetToken) in the transaction that queues the mail carrying it. */
export function newResetToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Stores `token` as the user's live link, superseding their older ones, through `db`: the
 * transaction that also queues its mail, so a link is stored exactly when its mail is.
 * `validHours`: a reset link's RESET_VALID_HOURS, or longer for a new user's set-password link.
 */
export async function storeResetToken(
  ctx: ApplianceContext,
  db: Db,
  userId: number,
  token: string,
  validHours = RESET_VALID_HOURS,
): Promise<void> {
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + validHours * 3_600_000);
  await resetTokenRepository(db).issue(userId, hash(token), now.toISOString(), expires.toISOString());
}

/** Makes the user's outstanding links unusable (superseded): a newer one, or the password changed. */
export function voidResetTokens(ctx: ApplianceContext, userId: number): Promise<void> {
  return resetTokenRepository(ctx.db).voidAllOfUser(userId, ctx.clock.now().toISOString());
}

/** The user a live (unused, newest, unexpired) token belongs to, without spending it. */
export function peekResetToken(
  ctx: ApplianceContext,
  token: string,
): Promise<{ id: number; user_id: number; created_at: string } | null> {
  return resetTokenRepository(ctx.db).findLive(hash(token), ctx.clock.now().toISOString());
}

/** Spends the token; false when someone else spent it first (or it died meanwhile). */
export function spendResetToken(ctx: ApplianceContext, token: string): Promise<boolean> {
  return resetTokenRepository(ctx.db).spend(hash(token), ctx.clock.now().toISOString());
}

/** Requests per user within the last hour (the per-account cap on reset mails). */
export function recentRequests(ctx: ApplianceContext, userId: number): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  return resetTokenRepository(ctx.db).countIssuedSince(userId, since);
}
