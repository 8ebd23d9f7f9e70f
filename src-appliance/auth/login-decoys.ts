/**
 * Lockout for usernames that do not exist. Without it only real accounts ever answer
 * `423 account_locked`, and a few wrong passwords tell an attacker which names are real
 * (ASVS 6.3.8). A decoy counts and locks with the same settings and the same single-statement
 * atomicity as `lockout.ts`; rows untouched for a day are pruned so random names cannot pile up.
 */
import { type ApplianceContext } from '../context.js';
import { prepared } from '../db/statement-cache.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { FRESH_COUNT, lockoutParams, type FailureOutcome, type LockState } from './lockout.js';

const RECORD_SQL = `
INSERT INTO login_decoys (name, failed_login_count, locked_until, locked_by_admin_only, updated_at)
VALUES (@name, 1, CASE WHEN 1 >= @limit THEN @until END, CASE WHEN 1 >= @limit THEN @adminOnly ELSE 0 END, @now)
ON CONFLICT(name) DO UPDATE SET
  failed_login_count = ${FRESH_COUNT},
  locked_until = CASE WHEN ${FRESH_COUNT} >= @limit THEN @until
    WHEN locked_until IS NOT NULL AND locked_until <= @now THEN NULL ELSE locked_until END,
  locked_by_admin_only = CASE WHEN ${FRESH_COUNT} >= @limit THEN @adminOnly ELSE locked_by_admin_only END,
  updated_at = @now
WHERE locked_by_admin_only = 0 AND (locked_until IS NULL OR locked_until <= @now)
RETURNING failed_login_count, locked_until, locked_by_admin_only`;

const PRUNE_AFTER_MS = 24 * 60 * 60_000;

export function decoyLockState(ctx: ApplianceContext, username: string): LockState | null {
  return (
    (prepared(
      ctx.sqlite,
      'SELECT failed_login_count, locked_until, locked_by_admin_only FROM login_decoys WHERE name = ?',
    ).get(username) as LockState | undefined) ?? null
  );
}

/** Counts one failed login for a name that has no account, atomically, like a real account's. */
export async function recordDecoyFailure(ctx: ApplianceContext, username: string): Promise<FailureOutcome> {
  const settings = await getSecuritySettings(ctx);
  const now = ctx.clock.now();
  const pruneBefore = new Date(
    now.getTime() - Math.max(PRUNE_AFTER_MS, settings.lockout_duration_minutes * 60_000),
  ).toISOString();
  prepared(ctx.sqlite, 'DELETE FROM login_decoys WHERE updated_at < ?').run(pruneBefore);
  const row = prepared(ctx.sqlite, RECORD_SQL).get({ name: username, ...lockoutParams(settings, now) }) as
    LockState | undefined;
  if (!row) return { kind: 'already_locked', row: decoyLockState(ctx, username)! };
  return { kind: 'counted', locked: row.failed_login_count >= settings.lockout_after_failures, row };
}
