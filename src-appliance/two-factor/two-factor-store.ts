/**
 * Two-factor state per user. Secrets are sealed with the site key (AES-256-GCM, bound to the user
 * id so a sealed secret copied to another user's row does not open). Accepting a code and spending
 * a recovery code each end in one conditional UPDATE (./two-factor-repository.ts), so two parallel
 * logins cannot both use them.
 */
import crypto from 'node:crypto';
import { type ApplianceContext } from '../context.js';
import { siteKeyOf } from '../site/site-key-of.js';
import { twoFactorRepository } from './two-factor-repository.js';
import { verifyTotp } from './totp.js';

export const RECOVERY_CODE_COUNT = 10;

const secretContext = (userId: number) => `totp:${userId}`;
const repo = (ctx: ApplianceContext) => twoFactorRepository(ctx.db);

export async function isTwoFactorEnabled(ctx: ApplianceContext, userId: number): Promise<boolean> {
  return !!(await repo(ctx).find(userId))?.secret_box;
}

export async function hasPendingSecret(ctx: ApplianceContext, userId: number): Promise<boolean> {
  return !!(await repo(ctx).find(userId))?.pending_box;
}

export function recoveryCodesLeft(ctx: ApplianceContext, userId: number): Promise<number> {
  return repo(ctx).unusedRecoveryCodes(userId);
}

export async function savePendingSecret(ctx: ApplianceContext, userId: number, secret: string): Promise<void> {
  const box = siteKeyOf(ctx).encrypt(secret, secretContext(userId));
  await repo(ctx).savePending(userId, box, ctx.clock.now().toISOString());
}

/**
 * Checks `code` against the active secret at the appliance's clock and, if right,
 * records its time step so it cannot be used again. False when wrong, stale or already used.
 */
export async function acceptCode(ctx: ApplianceContext, userId: number, code: string): Promise<boolean> {
  const r = await repo(ctx).find(userId);
  const box = r?.secret_box;
  if (!r || !box) return false;
  await ctx.probes.credentialVerification?.('totp');
  const secret = siteKeyOf(ctx).decrypt(box, secretContext(userId));
  const step = verifyTotp(secret, code, ctx.clock.now(), r.last_step);
  if (step === null) return false;
  return repo(ctx).claimStep(userId, box, step);
}

/**
 * Makes the pending secret the active one (only after its code was proven) and issues fresh
 * recovery codes. Returns the codes in clear: the only time they exist outside the user's hands.
 */
export async function activatePending(
  ctx: ApplianceContext,
  userId: number,
  provenCode: string,
): Promise<{ recoveryCodes: string[]; switched: boolean } | null> {
  const r = await repo(ctx).find(userId);
  if (!r?.pending_box) return null;
  const secret = siteKeyOf(ctx).decrypt(r.pending_box, secretContext(userId));
  const step = verifyTotp(secret, provenCode, ctx.clock.now(), null);
  if (step === null) return null;
  const codes = newRecoveryCodes();
  const hashes = codes.map((c) => hashRecoveryCode(ctx, userId, c));
  if (!(await repo(ctx).activatePending(userId, r.pending_box, step, ctx.clock.now().toISOString(), hashes)))
    throw new Error('pending secret changed meanwhile');
  return { recoveryCodes: codes, switched: !!r.secret_box };
}

export function disableTwoFactor(ctx: ApplianceContext, userId: number): Promise<void> {
  return repo(ctx).remove(userId);
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

export async function regenerateRecoveryCodes(ctx: ApplianceContext, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await repo(ctx).replaceRecoveryCodes(
    userId,
    codes.map((c) => hashRecoveryCode(ctx, userId, c)),
  );
  return codes;
}

/** Spends one recovery code; false when it is wrong or was used before. */
export async function spendRecoveryCode(ctx: ApplianceContext, userId: number, code: string): Promise<boolean> {
  await ctx.probes.credentialVerification?.('recovery_code');
  return repo(ctx).spendRecoveryCode(userId, hashRecoveryCode(ctx, userId, code), ctx.clock.now().toISOString());
}
