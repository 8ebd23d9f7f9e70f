/**
 * Setting a new password: the site policy (the shared evaluator, so the renderer's live checklist
 * agrees), the common-password blocklist, the history of the last N passwords, then one
 * transaction that stores the new hash and keeps the old one in the history.
 */
import { evaluatePassword } from '../../src-shared/password-policy.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { isCommonPassword } from '../auth/common-passwords.js';
import { hashPassword, verifyPasswordHash } from '../auth/password-hash.js';
import { endSessions, type RevokeReason } from '../auth/sessions.js';
import { getSecuritySettings, passwordPolicyOf } from '../site/security-settings.js';
import { type UserRow } from '../users/user-store.js';

/** Previous hashes kept per user (the policy allows at most 50). */
const HISTORY_KEEP = 50;

/** True when the password is one of the user's last `count` passwords (the current one included). */
async function usedRecently(ctx: ApplianceContext, user: UserRow, password: string, count: number): Promise<boolean> {
  if (count <= 0) return false;
  if (await verifyPasswordHash(user.password_hash, password)) return true;
  const previous = await ctx.db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', user.id)
    .orderBy('id', 'desc')
    .limit(count - 1)
    .execute();
  for (const p of previous) if (await verifyPasswordHash(p.password_hash, password)) return true;
  return false;
}

/** Throws `422 password_policy` with `details.failed_rules` when the password breaks the policy. */
export async function checkNewPassword(
  ctx: ApplianceContext,
  username: string,
  password: string,
  user: UserRow | null,
): Promise<void> {
  const settings = await getSecuritySettings(ctx);
  const policy = passwordPolicyOf(settings);
  const wasUsedBefore =
    user && settings.password_history > 0
      ? await usedRecently(ctx, user, password, settings.password_history)
      : undefined;
  const result = evaluatePassword(password, policy, { username, isCommon: isCommonPassword, wasUsedBefore });
  if (!result.ok) {
    throw httpError(422, 'password_policy', 'The new password does not meet the password policy.', {
      failed_rules: result.failed_rules,
    });
  }
}

/** Stores the new hash (old one into history) and clears "change at next login", atomically. */
export async function storeNewPassword(ctx: ApplianceContext, user: UserRow, password: string): Promise<void> {
  const hash = await hashPassword(password);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_history')
      .values({ user_id: user.id, password_hash: user.password_hash, created_at: now })
      .execute();
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, password_change_required: 0, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    const keep = await trx
      .selectFrom('password_history')
      .select('id')
      .where('user_id', '=', user.id)
      .orderBy('id', 'desc')
      .limit(1)
      .offset(HISTORY_KEEP - 1)
      .executeTakeFirst();
    if (keep)
      await trx.deleteFrom('password_history').where('user_id', '=', user.id).where('id', '<', keep.id).execute();
  });
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
  await checkNewPassword(ctx, user.username, password, user);
  await storeNewPassword(ctx, user, password);
  await endSessions(ctx, user.id, { except: opts.exceptSession, reason: opts.reason ?? 'password_changed' });
  ctx.domain.emit('password.changed', { userId: user.id, via: opts.via });
}
