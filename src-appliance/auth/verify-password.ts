import { type ApplianceContext } from '../context.js';
import { isLocked, type UserRow } from '../users/user-store.js';
import { verifyPasswordHash } from './password-hash.js';
import { accountLockedError, clearLoginFailures, errorForFailure, recordLoginFailure } from './lockout.js';

/**
 * Checks the /login password of a known user for a sensitive action (password or email change,
 * two-factor changes). Refuses while locked (`423 account_locked`); a wrong password is
 * `401 invalid_credentials` and counts toward lockout (the failure that locks answers 423).
 */
export async function verifyUserPassword(ctx: ApplianceContext, user: UserRow, password: string): Promise<void> {
  if (isLocked(user, ctx.clock.now())) throw accountLockedError(ctx, user);
  if (await verifyPasswordHash(user.password_hash, password)) {
    await clearLoginFailures(ctx, user.id);
    return;
  }
  throw errorForFailure(ctx, await recordLoginFailure(ctx, user.id));
}
