/** Reading technician accounts. Writes live with the feature that makes them (account, admin, auth). */
import { type ApplianceContext } from '../context.js';
import { type UserRow } from './tables.js';

export { type UserRow };

export async function findUserById(ctx: ApplianceContext, id: number): Promise<UserRow | null> {
  return (await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Usernames compare case-insensitively (the column is COLLATE NOCASE). */
export async function findUserByUsername(ctx: ApplianceContext, username: string): Promise<UserRow | null> {
  return (await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ?? null;
}

export async function countUsers(ctx: ApplianceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Locked now: an admin-only lock, or a timed lock that has not run out on ctx.clock. */
export function isLocked(user: Pick<UserRow, 'locked_until' | 'locked_by_admin_only'>, now: Date): boolean {
  if (user.locked_by_admin_only) return true;
  return user.locked_until !== null && user.locked_until > now.toISOString();
}

/** Seconds until a timed lock ends; null for an admin-only lock. */
export function lockRetryAfterSeconds(
  user: Pick<UserRow, 'locked_until' | 'locked_by_admin_only'>,
  now: Date,
): number | null {
  if (user.locked_by_admin_only || user.locked_until === null) return null;
  return Math.max(1, Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 1000));
}
