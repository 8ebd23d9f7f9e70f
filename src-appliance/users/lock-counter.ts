/**
 * The lockout counter that accounts (`users`) and decoy names (`login_decoys`) share, so a decoy
 * locks exactly like an account. Each row counts the attempts of its current window
 * (`failed_login_count`) and numbers every attempt ever reserved (`lockout_seq`). Every change is
 * one statement, computed from the row as it is when the statement runs:
 *   - reserve: count one more attempt, unless locked; the attempt that fills the window (count N)
 *     sets the lock at once, so attempt N+1 is refused before anyone verifies anything. A timed lock
 *     that ran out starts a fresh window (this attempt is number 1);
 *   - settle (a success with number s): keep only the attempts reserved after s;
 *   - release (an attempt that checked nothing wrong): give back its own place, if still counted.
 * The lock stands while the window holds N attempts; settling or releasing below N lifts it.
 */
import { type Expression, type ExpressionBuilder, sql } from 'kysely';
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type UsersTable } from './tables.js';

export type LockState = Pick<UsersTable, 'failed_login_count' | 'locked_until' | 'locked_by_admin_only'>;
export type LockTable = 'users' | 'login_decoys';
/** What a reservation returns: the window's count after it (this attempt's place) and its number. */
export type Reservation = LockState & { lockout_seq: number };

export interface LockPolicy {
  now: string;
  limit: number;
  /** When a lock set now ends; null for a lock only an administrator lifts. */
  until: string | null;
  adminOnly: 0 | 1;
}

export function lockPolicy(settings: SecuritySettings, now: Date): LockPolicy {
  const adminOnly = settings.lockout_duration_minutes === 0;
  return {
    now: now.toISOString(),
    limit: settings.lockout_after_failures,
    until: adminOnly ? null : new Date(now.getTime() + settings.lockout_duration_minutes * 60_000).toISOString(),
    adminOnly: adminOnly ? 1 : 0,
  };
}

/** Locked now: an admin-only lock, or a timed lock that has not run out. */
export function isLocked(state: Pick<LockState, 'locked_until' | 'locked_by_admin_only'>, now: Date): boolean {
  if (state.locked_by_admin_only) return true;
  return state.locked_until !== null && state.locked_until > now.toISOString();
}

/** Seconds until a timed lock ends; null for an admin-only lock. */
export function lockRetryAfterSeconds(
  state: Pick<LockState, 'locked_until' | 'locked_by_admin_only'>,
  now: Date,
): number | null {
  if (state.locked_by_admin_only || state.locked_until === null) return null;
  return Math.max(1, Math.ceil((Date.parse(state.locked_until) - now.getTime()) / 1000));
}

/** Any expression builder: the counters use only their own qualified column references. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Eb = ExpressionBuilder<any, any>;

// Qualified column names: in an upsert's DO UPDATE, PostgreSQL finds unqualified ones ambiguous.
const columns = (table: LockTable) => ({
  count: sql.ref<number>(`${table}.failed_login_count`),
  seq: sql.ref<number>(`${table}.lockout_seq`),
  until: sql.ref<string | null>(`${table}.locked_until`),
  adminOnly: sql.ref<number>(`${table}.locked_by_admin_only`),
});

/** Only rows that are not locked now take a reservation. */
export function notLocked(eb: Eb, table: LockTable, p: LockPolicy) {
  const c = columns(table);
  return eb.and([eb(c.adminOnly, '=', 0), eb.or([eb(c.until, 'is', null), eb(c.until, '<=', p.now)])]);
}

export function reserveChanges(eb: Eb, table: LockTable, p: LockPolicy) {
  const c = columns(table);
  const expired = eb.and([eb(c.until, 'is not', null), eb(c.until, '<=', p.now)]);
  const fresh = eb
    .case()
    .when(expired)
    .then(eb.lit(1))
    .else(eb(c.count, '+', 1))
    .end();
  const fills = eb(fresh, '>=', p.limit);
  return {
    failed_login_count: fresh,
    lockout_seq: eb(c.seq, '+', 1),
    locked_until: eb.case().when(fills).then(p.until).when(expired).then(null).else(c.until).end(),
    locked_by_admin_only: eb.case().when(fills).then(p.adminOnly).else(c.adminOnly).end(),
  };
}

/** The window after `count`, and the lock kept only while that still fills it. */
function withCount(eb: Eb, table: LockTable, count: Expression<number>, limit: number) {
  const c = columns(table);
  const full = eb(count, '>=', limit);
  return {
    failed_login_count: count,
    locked_until: eb.case().when(full).then(c.until).else(null).end(),
    locked_by_admin_only: eb.case().when(full).then(c.adminOnly).else(0).end(),
  };
}

/** A success, number `seq`: the attempts reserved after it stay counted, all before it (and it) go. */
export function settleChanges(eb: Eb, table: LockTable, seq: number, limit: number) {
  const c = columns(table);
  const after = eb(c.seq, '-', seq);
  const kept = eb
    .case()
    .when(eb(c.count, '<', after))
    .then(c.count)
    .else(after)
    .end();
  return withCount(eb, table, kept, limit);
}

/** An attempt that checked nothing wrong gives back its own place (if a reset has not already). */
export function releaseChanges(eb: Eb, table: LockTable, seq: number, limit: number) {
  const c = columns(table);
  const stillCounted = eb(eb(c.seq, '-', seq), '<', c.count);
  const less = eb
    .case()
    .when(stillCounted)
    .then(eb(c.count, '-', 1))
    .else(c.count)
    .end();
  return withCount(eb, table, less, limit);
}
