/**
 * Failed-login counting and lockout. The counter is changed by ONE SQL statement
 * (`UPDATE ... RETURNING` on the synchronous better-sqlite3 handle), so 200 parallel wrong
 * passwords cannot both read "N-1" and lock late: exactly the N-th failure locks, and failures
 * that arrive once the account is locked are not counted at all (they see it locked).
 * A timed lock that has run out starts a fresh count (the next failure is number 1).
 */
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { prepared } from '../db/statement-cache.js';
import { httpError, type ApiError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { lockRetryAfterSeconds, type UserRow } from '../users/user-store.js';

export type FailureOutcome =
  { kind: 'counted'; locked: boolean; row: LockState } | { kind: 'already_locked'; row: LockState };
export type LockState = Pick<UserRow, 'failed_login_count' | 'locked_until' | 'locked_by_admin_only'>;

/** The count after this failure: a timed lock that has run out starts again at 1. Shared with the decoys' SQL. */
export const FRESH_COUNT =
  'CASE WHEN locked_until IS NOT NULL AND locked_until <= @now THEN 1 ELSE failed_login_count + 1 END';

const RECORD_FAILURE_SQL = `
UPDATE users SET
  failed_login_count = ${FRESH_COUNT},
  locked_until = CASE WHEN ${FRESH_COUNT} >= @limit THEN @until
    WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END,
  locked_by_admin_only = CASE WHEN ${FRESH_COUNT} >= @limit THEN @adminOnly ELSE locked_by_admin_only END
WHERE id = @id AND locked_by_admin_only = 0 AND (locked_until IS NULL OR locked_until <= @now)
RETURNING failed_login_count, locked_until, locked_by_admin_only`;

/** The bind parameters of both counters (accounts and decoys), so a decoy locks exactly like an account. */
export function lockoutParams(
  settings: SecuritySettings,
  now: Date,
): { now: string; limit: number; until: string | null; adminOnly: 0 | 1 } {
  const adminOnly = settings.lockout_duration_minutes === 0;
  return {
    now: now.toISOString(),
    limit: settings.lockout_after_failures,
    until: adminOnly ? null : new Date(now.getTime() + settings.lockout_duration_minutes * 60_000).toISOString(),
    adminOnly: adminOnly ? 1 : 0,
  };
}

/** Counts one failure for the user, atomically. */
export async function recordLoginFailure(ctx: ApplianceContext, userId: number): Promise<FailureOutcome> {
  const settings = await getSecuritySettings(ctx);
  const row = prepared(ctx.sqlite, RECORD_FAILURE_SQL).get({
    id: userId,
    ...lockoutParams(settings, ctx.clock.now()),
  }) as LockState | undefined;
  if (!row) {
    const current = prepared(
      ctx.sqlite,
      'SELECT failed_login_count, locked_until, locked_by_admin_only FROM users WHERE id = ?',
    ).get(userId) as LockState;
    return { kind: 'already_locked', row: current };
  }
  const locked = row.failed_login_count >= settings.lockout_after_failures;
  if (locked) {
    ctx.log.warn({ userId, failures: row.failed_login_count }, 'account locked after failed logins');
    ctx.domain.emit('account.locked', { userId, until: row.locked_until });
  }
  return { kind: 'counted', locked, row };
}

export async function clearLoginFailures(ctx: ApplianceContext, userId: number): Promise<void> {
  await ctx.db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null, locked_by_admin_only: 0 })
    .where('id', '=', userId)
    .where('failed_login_count', '!=', 0)
    .execute();
}

export function accountLockedError(ctx: ApplianceContext, user: LockState): ApiError {
  return httpError(423, 'account_locked', 'This account is locked after too many failed attempts.', {
    retry_after_seconds: lockRetryAfterSeconds(user, ctx.clock.now()),
  });
}

export function invalidCredentialsError(): ApiError {
  return httpError(401, 'invalid_credentials', 'Username or password is wrong.');
}

/** The error for a failure that was just counted (or refused because already locked). */
export function errorForFailure(
  ctx: ApplianceContext,
  outcome: FailureOutcome,
  ifNotLocked: ApiError = invalidCredentialsError(),
): ApiError {
  if (outcome.kind === 'already_locked' || outcome.locked) return accountLockedError(ctx, outcome.row);
  return ifNotLocked;
}
