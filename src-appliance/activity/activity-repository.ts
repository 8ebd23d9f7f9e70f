/**
 * Security activity rows (`security_activity`, `activity_sweeps`): the only code that reads or
 * writes them. Callers record through ./record.ts, which picks the right method here.
 */
import { type Selectable, sql } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type SecurityActivityTable } from './tables.js';
import './tables.js';

export type ActivityRow = Selectable<SecurityActivityTable>;

/** The kinds the security overview counts. */
export const OVERVIEW_KINDS = ['sign_in', 'sign_in_failed', 'locked'] as const;
export type OverviewKind = (typeof OVERVIEW_KINDS)[number];

export interface NewActivityRow {
  userId: number;
  kind: string;
  at: string;
  data: string;
  groupKey?: string | null;
  deviceKey?: string | null;
}

export const activityRepository = defineRepository((db: Db) => ({
  async insert(row: NewActivityRow): Promise<number> {
    const { id } = await db
      .insertInto('security_activity')
      .values({
        user_id: row.userId,
        kind: row.kind,
        at: row.at,
        last_at: row.at,
        data: row.data,
        group_key: row.groupKey ?? null,
        device_key: row.deviceKey ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(id);
  },

  /**
   * Counts one more attempt into the user's newest group with this key that began at or after
   * `since`; false when there is none (the caller inserts a new group). Run it and that insert in
   * one transaction, so two attempts at once never both start a group.
   */
  async addToGroup(userId: number, groupKey: string, since: string, at: string): Promise<boolean> {
    const open = await db
      .selectFrom('security_activity')
      .select('id')
      .where('user_id', '=', userId)
      .where('group_key', '=', groupKey)
      .where('at', '>=', since)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!open) return false;
    await db
      .updateTable('security_activity')
      .set((eb) => ({ count: eb('count', '+', 1), last_at: at }))
      .where('id', '=', open.id)
      .execute();
    return true;
  },

  /** Whether the user signed in from this device at or after `since`. */
  async hasDevice(userId: number, deviceKey: string, since: string): Promise<boolean> {
    const row = await db
      .selectFrom('security_activity')
      .select('id')
      .where('user_id', '=', userId)
      .where('device_key', '=', deviceKey)
      .where('at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Whether the user ever signed in (the newest sign-in of each user outlives the retention sweep). */
  async hasSignedIn(userId: number): Promise<boolean> {
    const row = await db
      .selectFrom('security_activity')
      .select('id')
      .where('user_id', '=', userId)
      .where('kind', '=', 'sign_in')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** The user's entries at or after `since`, newest first, older than the row `beforeId` when given. */
  async page(userId: number, since: string, beforeId: number | null, limit: number): Promise<ActivityRow[]> {
    let q = db.selectFrom('security_activity').selectAll().where('user_id', '=', userId).where('last_at', '>=', since);
    if (beforeId !== null) q = q.where('id', '<', beforeId);
    return q.orderBy('id', 'desc').limit(limit).execute();
  },

  /**
   * Deletes entries whose last moment is before `before`, except each user's newest sign-in (out
   * of the timeline's window, it only says that the user has signed in before); returns how many.
   */
  async pruneBefore(before: string): Promise<number> {
    const done = await db
      .deleteFrom('security_activity')
      .where('last_at', '<', before)
      .where((eb) =>
        eb.or([
          eb('kind', '!=', 'sign_in'),
          eb(
            'id',
            '<',
            eb
              .selectFrom('security_activity as newest')
              .select((n) => n.fn.max('newest.id').as('id'))
              .whereRef('newest.user_id', '=', 'security_activity.user_id')
              .where('newest.kind', '=', 'sign_in'),
          ),
        ]),
      )
      .executeTakeFirst();
    return Number(done.numDeletedRows);
  },

  /**
   * The site's sign-ins, failed attempts and lockouts per UTC day from `since` on, as
   * `{day, kind, n}` rows (days without any are absent). A failed-attempt group counts each of its
   * attempts, on the day the group began. `last_at` >= since first: its index narrows the rows, and
   * an entry that began after `since` cannot have ended before it.
   */
  async countPerDay(since: string): Promise<{ day: string; kind: OverviewKind; n: number }[]> {
    // Literals, not parameters: PostgreSQL must see the same expression in SELECT and GROUP BY.
    const day = sql<string>`substr(at, ${sql.lit(1)}, ${sql.lit(10)})`;
    const rows = await db
      .selectFrom('security_activity')
      .select((eb) => [day.as('day'), 'kind', eb.fn.sum<number | string>('count').as('n')])
      .where('last_at', '>=', since)
      .where('at', '>=', since)
      .where('kind', 'in', OVERVIEW_KINDS)
      .groupBy([day, 'kind'])
      .orderBy(day)
      .execute();
    return rows.map((r) => ({ day: r.day, kind: r.kind as OverviewKind, n: Number(r.n) }));
  },

  /**
   * Claims the sweep `name` for the UTC day `day`: true for exactly one caller per day, however many
   * processes ask at once (one conditional UPDATE: the row lock decides on PostgreSQL, the write
   * lock on SQLite).
   */
  async claimSweep(name: string, day: string): Promise<boolean> {
    const done = await db
      .updateTable('activity_sweeps')
      .set({ last_run_on: day })
      .where('name', '=', name)
      .where('last_run_on', '<', day)
      .returning('name')
      .execute();
    return done.length === 1;
  },
}));
