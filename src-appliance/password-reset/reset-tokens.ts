/**
 * Reset tokens: 256 random bits, stored as SHA-256. Issuing one supersedes the user's older ones;
 * redeeming one is a single conditional UPDATE, so a link works once even under parallel clicks.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';

export const RESET_VALID_HOURS = 24;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** `validHours`: a reset link's RESET_VALID_HOURS, or longer for a new user's set-password link. */
export function issueResetToken(ctx: ApplianceContext, userId: number, validHours = RESET_VALID_HOURS): string {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + validHours * 3_600_000);
  ctx.sqlite
    .transaction(() => {
      voidResetTokens(ctx, userId);
      ctx.sqlite
        .prepare('INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?)')
        .run(userId, hash(token), now.toISOString(), expires.toISOString());
    })
    .immediate();
  return token;
}

/** Makes the user's outstanding links unusable (superseded): a newer one, or the password changed. */
export function voidResetTokens(ctx: ApplianceContext, userId: number): void {
  ctx.sqlite
    .prepare(
      'UPDATE password_reset_tokens SET superseded_at = ? WHERE user_id = ? AND used_at IS NULL AND superseded_at IS NULL',
    )
    .run(ctx.clock.now().toISOString(), userId);
}

interface TokenRow {
  id: number;
  user_id: number;
}

const LIVE = 'token_hash = ? AND used_at IS NULL AND superseded_at IS NULL AND expires_at > ?';

/** The user a live (unused, newest, unexpired) token belongs to, without spending it. */
export function peekResetToken(ctx: ApplianceContext, token: string): TokenRow | null {
  return (
    (ctx.sqlite
      .prepare(`SELECT id, user_id FROM password_reset_tokens WHERE ${LIVE}`)
      .get(hash(token), ctx.clock.now().toISOString()) as TokenRow | undefined) ?? null
  );
}

/** Spends the token; false when someone else spent it first (or it died meanwhile). */
export function spendResetToken(ctx: ApplianceContext, token: string): boolean {
  const now = ctx.clock.now().toISOString();
  return (
    ctx.sqlite.prepare(`UPDATE password_reset_tokens SET used_at = ? WHERE ${LIVE}`).run(now, hash(token), now)
      .changes === 1
  );
}

/** Requests per user within the last hour (the per-account cap on reset mails). */
export function recentRequests(ctx: ApplianceContext, userId: number): number {
  const since = new Date(ctx.clock.now().getTime() - 3_600_000).toISOString();
  return (
    ctx.sqlite
      .prepare('SELECT COUNT(*) AS n FROM password_reset_tokens WHERE user_id = ? AND created_at > ?')
      .get(userId, since) as { n: number }
  ).n;
}
