/**
 * Two-factor state per user. Secrets are sealed with the site key (AES-256-GCM, bound to the user
 * id so a sealed secret copied to another user's row does not open). Accepting a code and spending
 * a recovery code are each one conditional UPDATE, so two parallel logins cannot both use them.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { siteKeyOf } from '../site/site-key-of.js';
import { verifyTotp } from './totp.js';

export const RECOVERY_CODE_COUNT = 10;

interface TwoFactorRow {
  user_id: number;
  secret_box: string | null;
  pending_box: string | null;
  last_step: number | null;
}

const secretContext = (userId: number) => `totp:${userId}`;

function row(ctx: ApplianceContext, userId: number): TwoFactorRow | undefined {
  return ctx.sqlite
    .prepare('SELECT user_id, secret_box, pending_box, last_step FROM two_factor WHERE user_id = ?')
    .get(userId) as TwoFactorRow | undefined;
}

export function isTwoFactorEnabled(ctx: ApplianceContext, userId: number): boolean {
  return !!row(ctx, userId)?.secret_box;
}

export function hasPendingSecret(ctx: ApplianceContext, userId: number): boolean {
  return !!row(ctx, userId)?.pending_box;
}

export function recoveryCodesLeft(ctx: ApplianceContext, userId: number): number {
  const r = ctx.sqlite
    .prepare('SELECT COUNT(*) AS n FROM two_factor_recovery_codes WHERE user_id = ? AND used_at IS NULL')
    .get(userId) as { n: number };
  return r.n;
}

export function savePendingSecret(ctx: ApplianceContext, userId: number, secret: string): void {
  const box = siteKeyOf(ctx).encrypt(secret, secretContext(userId));
  ctx.sqlite
    .prepare(
      `INSERT INTO two_factor (user_id, pending_box, pending_created_at) VALUES (?, ?, ?)
      ON CONFLICT(user_id) DO UPDATE SET pending_box = excluded.pending_box, pending_created_at = excluded.pending_created_at`,
    )
    .run(userId, box, ctx.clock.now().toISOString());
}

/**
 * Checks `code` against the active secret at the appliance's clock and, if right,
 * records its time step so it cannot be used again. False when wrong, stale or already used.
 */
export function acceptCode(ctx: ApplianceContext, userId: number, code: string): boolean {
  const r = row(ctx, userId);
  const box = r?.secret_box;
  if (!r || !box) return false;
  const secret = siteKeyOf(ctx).decrypt(box, secretContext(userId));
  const step = verifyTotp(secret, code, ctx.clock.now(), r.last_step);
  if (step === null) return false;
  const claimed = ctx.sqlite
    .prepare(
      'UPDATE two_factor SET last_step = ? WHERE user_id = ? AND secret_box = ? AND (last_step IS NULL OR last_step < ?)',
    )
    .run(step, userId, box, step);
  return claimed.changes === 1;
}

/**
 * Makes the pending secret the active one (only after its code was proven) and issues fresh
 * recovery codes. Returns the codes in clear: the only time they exist outside the user's hands.
 */
export function activatePending(
  ctx: ApplianceContext,
  userId: number,
  provenCode: string,
): { recoveryCodes: string[]; switched: boolean } | null {
  const r = row(ctx, userId);
  if (!r?.pending_box) return null;
  const secret = siteKeyOf(ctx).decrypt(r.pending_box, secretContext(userId));
  const step = verifyTotp(secret, provenCode, ctx.clock.now(), null);
  if (step === null) return null;
  const codes = newRecoveryCodes();
  const switched = !!r.secret_box;
  ctx.sqlite
    .transaction(() => {
      const done = ctx.sqlite
        .prepare(
          'UPDATE two_factor SET secret_box = pending_box, pending_box = NULL, pending_created_at = NULL, last_step = ?, enabled_at = ? WHERE user_id = ? AND pending_box = ?',
        )
        .run(step, ctx.clock.now().toISOString(), userId, r.pending_box);
      if (done.changes !== 1) throw new Error('pending secret changed meanwhile');
      replaceRecoveryCodes(ctx, userId, codes);
    })
    .immediate();
  return { recoveryCodes: codes, switched };
}

export function disableTwoFactor(ctx: ApplianceContext, userId: number): void {
  ctx.sqlite
    .transaction(() => {
      ctx.sqlite.prepare('DELETE FROM two_factor WHERE user_id = ?').run(userId);
      ctx.sqlite.prepare('DELETE FROM two_factor_recovery_codes WHERE user_id = ?').run(userId);
    })
    .immediate();
}

function hashRecoveryCode(ctx: ApplianceContext, userId: number, code: string): string {
  // Codes carry 80 random bits, so a keyed hash suffices (no slow hash needed against guessing).
  return siteKeyOf(ctx).sign(`recovery:${userId}`, normalizeRecoveryCode(code));
}

export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** Ten codes of 16 base32 characters (80 bits), shown as `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = crypto.randomBytes(16);
    const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

function replaceRecoveryCodes(ctx: ApplianceContext, userId: number, codes: string[]): void {
  ctx.sqlite.prepare('DELETE FROM two_factor_recovery_codes WHERE user_id = ?').run(userId);
  const insert = ctx.sqlite.prepare('INSERT INTO two_factor_recovery_codes (user_id, code_hash) VALUES (?, ?)');
  for (const code of codes) insert.run(userId, hashRecoveryCode(ctx, userId, code));
}

export function regenerateRecoveryCodes(ctx: ApplianceContext, userId: number): string[] {
  const codes = newRecoveryCodes();
  ctx.sqlite.transaction(() => replaceRecoveryCodes(ctx, userId, codes)).immediate();
  return codes;
}

/** Spends one recovery code; false when it is wrong or was used before. */
export function spendRecoveryCode(ctx: ApplianceContext, userId: number, code: string): boolean {
  const result = ctx.sqlite
    .prepare(
      'UPDATE two_factor_recovery_codes SET used_at = ? WHERE id = (SELECT id FROM two_factor_recovery_codes WHERE user_id = ? AND code_hash = ? AND used_at IS NULL LIMIT 1)',
    )
    .run(ctx.clock.now().toISOString(), userId, hashRecoveryCode(ctx, userId, code));
  return result.changes === 1;
}
