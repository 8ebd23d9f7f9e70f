/**
 * Lockout (ASVS 6.3.1): per account and lockout window at most N credential verifications, however
 * many requests arrive at once and however many processes share the database. An attempt is
 * reserved in ONE statement before any secret is checked (users/lock-counter.ts); attempt N+1 is
 * refused with `423 account_locked` without running argon2 or a TOTP check. One attempt covers
 * every factor of one request (password, then a TOTP or recovery code; later a passkey assertion).
 * Its end is one of:
 *   - `succeeded()`: every factor was right; clears the attempts counted before it, never those
 *     reserved after it (they are still being verified, or have failed);
 *   - `failed()`: a factor was wrong; the attempt stays counted. The attempt that filled the window
 *     answers 423 (it locked the account), the others 401 (or the caller's error);
 *   - `released()`: nothing was found wrong but the attempt did not finish (a code is still needed,
 *     the account is disabled): its place is given back.
 * Unknown usernames reserve on a decoy row with the same counter, so they answer exactly alike.
 */
import { type ApplianceContext } from '../context.js';
import { httpError, type ApiError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { lockPolicy, lockRetryAfterSeconds, type LockState, type Reservation } from '../users/lock-counter.js';
import { loginDecoyRepository } from '../users/login-decoy-repository.js';
import { userRepository } from '../users/user-repository.js';

const DECOY_PRUNE_AFTER_MS = 24 * 60 * 60_000;

export interface CredentialAttempt {
  succeeded(): Promise<void>;
  /** The error to answer for a wrong factor: `ifNotLocked` unless this attempt filled the window. */
  failed(ifNotLocked?: ApiError): ApiError;
  released(): Promise<void>;
}

export function accountLockedError(ctx: ApplianceContext, state: LockState): ApiError {
  return httpError(423, 'account_locked', 'This account is locked after too many failed attempts.', {
    retry_after_seconds: lockRetryAfterSeconds(state, ctx.clock.now()),
  });
}

export function invalidCredentialsError(): ApiError {
  return httpError(401, 'invalid_credentials', 'Username or password is wrong.');
}

function attempt(
  ctx: ApplianceContext,
  reservation: Reservation,
  limit: number,
  end: { settle(seq: number): Promise<void>; release(seq: number): Promise<void>; locked?(): void },
): CredentialAttempt {
  let ended = false;
  const once = () => {
    if (ended) throw new Error('a credential attempt ends once');
    ended = true;
  };
  return {
    async succeeded() {
      once();
      await end.settle(reservation.lockout_seq);
    },
    failed(ifNotLocked = invalidCredentialsError()) {
      once();
      if (reservation.failed_login_count < limit) return ifNotLocked;
      ctx.log.warn({ failures: reservation.failed_login_count }, 'account locked after failed attempts');
      end.locked?.();
      return accountLockedError(ctx, reservation);
    },
    async released() {
      once();
      await end.release(reservation.lockout_seq);
    },
  };
}

/** Reserves one verification for the account; throws `423 account_locked` when none is left. */
export async function beginAccountAttempt(ctx: ApplianceContext, userId: number): Promise<CredentialAttempt> {
  const settings = await getSecuritySettings(ctx);
  const users = userRepository(ctx.db);
  const limit = settings.lockout_after_failures;
  const reservation = await users.reserveAttempt(userId, lockPolicy(settings, ctx.clock.now()));
  if (!reservation) throw accountLockedError(ctx, (await users.lockState(userId)) ?? lockedForGood());
  // Only if the policy was lowered under a running window: past the limit, nothing is verified.
  if (reservation.failed_login_count > limit) throw accountLockedError(ctx, reservation);
  return attempt(ctx, reservation, limit, {
    settle: (seq) => users.settleAttempt(userId, seq, limit),
    release: (seq) => users.releaseAttempt(userId, seq, limit),
    locked: () => ctx.domain.emit('account.locked', { userId, until: lockPolicy(settings, ctx.clock.now()).until }),
  });
}

/** The same for a name with no account: it answers like an account whose password is never right. */
export async function beginDecoyAttempt(ctx: ApplianceContext, username: string): Promise<CredentialAttempt> {
  const settings = await getSecuritySettings(ctx);
  const decoys = loginDecoyRepository(ctx.db);
  const now = ctx.clock.now();
  const limit = settings.lockout_after_failures;
  const keep = Math.max(DECOY_PRUNE_AFTER_MS, settings.lockout_duration_minutes * 60_000);
  await decoys.pruneUntouchedSince(new Date(now.getTime() - keep).toISOString());
  const reservation = await decoys.reserveAttempt(username, lockPolicy(settings, now));
  if (!reservation) throw accountLockedError(ctx, (await decoys.lockState(username)) ?? lockedForGood());
  if (reservation.failed_login_count > limit) throw accountLockedError(ctx, reservation);
  const never = async () => {
    throw new Error('a decoy attempt only fails');
  };
  return attempt(ctx, reservation, limit, { settle: never, release: never });
}

/** The row vanished between the refused reservation and the read (deleted user, pruned decoy). */
function lockedForGood(): LockState {
  return { failed_login_count: 0, locked_until: null, locked_by_admin_only: 1 };
}
