/**
 * Setting a new password: the site policy (the shared evaluator, so the renderer's live checklist
 * agrees), the breach list and guessability estimate (zxcvbn, with the account's names and the
 * site name as words an attacker knows), the history of the last N passwords, then one
 * transaction that stores the new hash and keeps the old one in the history.
 */
import { evaluatePassword } from '../../src-shared/password-policy.js';
import { loadStrengthEstimator } from '../../src-shared/password-strength.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { hashPassword, verifyPasswordHash } from '../auth/password-hash.js';
import { endSessions, type RevokeReason } from '../auth/sessions.js';
import { getSecuritySettings, passwordPolicyOf } from '../site/security-settings.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { type StrengthReason } from '../../src-shared/password-strength.js';

/** True when the password is one of the user's last `count` passwords (the current one included). */
async function usedRecently(ctx: ApplianceContext, user: UserRow, password: string, count: number): Promise<boolean> {
  if (count <= 0) return false;
  if (await verifyPasswordHash(user.password_hash, password)) return true;
  const previous = await userRepository(ctx.db).previousPasswordHashes(user.id, count - 1);
  for (const hash of previous) if (await verifyPasswordHash(hash, password)) return true;
  return false;
}

/** Who the password is for: the words in it an attacker would try first. */
export interface PasswordOwner {
  username: string;
  private_display_name?: string | null;
  public_display_name?: string | null;
  email_address?: string | null;
}

/** English reasons for the refusal's message; the renderer shows its own texts from `details.strength`. */
const REASON_TEXT: Record<StrengthReason, string> = {
  common_password: 'one of the most common passwords',
  common_password_variant: 'a common password, slightly changed',
  common_with_digits: 'a common word with digits added',
  common_words: 'common words only',
  name: 'a name',
  personal: 'it contains the username, a display name or the site name',
  keyboard_pattern: 'a keyboard pattern',
  sequence: 'a sequence such as abc or 1234',
  repeat: 'repeated characters or words',
  date: 'a date or year',
  too_simple: 'too short and simple',
};

/**
 * Throws `422 password_policy` with `details.failed_rules` (and `details.strength`: score, required
 * score, reason) when the password breaks the policy.
 */
export async function checkNewPassword(
  ctx: ApplianceContext,
  owner: PasswordOwner,
  password: string,
  user: UserRow | null,
): Promise<void> {
  const settings = await getSecuritySettings(ctx);
  const policy = passwordPolicyOf(settings);
  const wasUsedBefore =
    user && settings.password_history > 0
      ? await usedRecently(ctx, user, password, settings.password_history)
      : undefined;
  const estimator = policy.block_common_passwords ? await loadStrengthEstimator() : undefined;
  const userInputs = [owner.private_display_name, owner.public_display_name, owner.email_address, ctx.config.siteName];
  const result = evaluatePassword(password, policy, {
    username: owner.username,
    userInputs: userInputs.filter((s): s is string => typeof s === 'string'),
    estimator,
    wasUsedBefore,
  });
  if (!result.ok) {
    const weak = result.failed_rules.includes('strength') && result.strength?.reason;
    throw httpError(
      422,
      'password_policy',
      `The new password does not meet the password policy${weak ? `: too easy to guess (${REASON_TEXT[weak]})` : ''}.`,
      {
        failed_rules: result.failed_rules,
        ...(result.strength ? { strength: { ...result.strength, min_score: policy.min_password_strength } } : {}),
      },
    );
  }
}

/** Stores the new hash (old one into history) and clears "change at next login", atomically. */
export async function storeNewPassword(ctx: ApplianceContext, user: UserRow, password: string): Promise<void> {
  const hash = await hashPassword(ctx.passwordHashCost, password);
  const now = ctx.clock.now().toISOString();
  await userRepository(ctx.db).replacePassword(user, hash, now);
}

/**
 * Policy check, store, end every other session, emit `password.changed`. Used by the account route
 * and by features that set a password another way (reset: pass `via: 'reset'`, no `exceptSession`).
 */
export async function applyNewPassword(
  ctx: ApplianceContext,
  user: UserRow,
  password: string,
  opts: { via: 'account' | 'reset' | 'admin'; exceptSession?: string; reason?: RevokeReason },
): Promise<void> {
  await checkNewPassword(ctx, user, password, user);
  await storeNewPassword(ctx, user, password);
  await endSessions(ctx, user.id, { except: opts.exceptSession, reason: opts.reason ?? 'password_changed' });
  ctx.domain.emit('password.changed', { userId: user.id, via: opts.via });
}
