/**
 * The technician accounts (`users`) and their previous password hashes (`password_history`):
 * the only code that reads or writes these tables. Usernames compare case-insensitively (the
 * column is COLLATE NOCASE on both engines).
 */
import { type Insertable, type Updateable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository, inChunks, isUniqueViolation } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import {
  type LockPolicy,
  notLocked,
  releaseChanges,
  type Reservation,
  reserveChanges,
  settleChanges,
} from './lock-counter.js';
import { type UserRow, type UsersTable } from './tables.js';

export type NewUser = Omit<Insertable<UsersTable>, 'id' | 'lockout_seq'>;
export type UserChanges = Omit<Updateable<UsersTable>, 'id' | 'lockout_seq'>;

/** Previous hashes kept per user (the policy compares at most 50). */
const HISTORY_KEEP = 50;
const LOCK_COLUMNS = ['failed_login_count', 'lockout_seq', 'locked_until', 'locked_by_admin_only'] as const;

export const userRepository = defineRepository((db: Db) => ({
  async findById(id: number): Promise<UserRow | null> {
    return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },

  async findByUsername(username: string): Promise<UserRow | null> {
    return (await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()) ?? null;
  },

  /** Enabled accounts with an address whose username or address is this (password reset). */
  async findReachable(usernameOrEmail: string, limit: number): Promise<UserRow[]> {
    const email = usernameOrEmail.trim();
    return db
      .selectFrom('users')
      .selectAll()
      .where('enabled', '=', 1)
      .where('email_address', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('username', '=', usernameOrEmail),
          eb(eb.fn('lower', ['email_address']), '=', eb.fn('lower', [eb.val(email)])),
        ]),
      )
      .limit(limit)
      .execute();
  },

  async listByUsername(): Promise<UserRow[]> {
    return db.selectFrom('users').selectAll().orderBy('username').execute();
  },

  async count(): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The usernames of these ids (absent ids are left out). */
  async usernames(ids: number[]): Promise<Map<number, string>> {
    const rows = await inChunks(ids, (chunk) =>
      db.selectFrom('users').select(['id', 'username']).where('id', 'in', chunk).execute(),
    );
    return new Map(rows.map((r) => [r.id, r.username]));
  },

  /** Of these ids, the users that are enabled. */
  async enabledAmong(ids: number[]): Promise<Set<number>> {
    const rows = await inChunks(ids, (chunk) =>
      db.selectFrom('users').select('id').where('id', 'in', chunk).where('enabled', '=', 1).execute(),
    );
    return new Set(rows.map((r) => r.id));
  },

  /** The new id, or null when the username is taken. */
  async insert(user: NewUser): Promise<number | null> {
    try {
      return (await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  },

  /** The first user, only while there is none (several processes may start at once). Its id, or null. */
  async insertFirst(user: NewUser): Promise<number | null> {
    return inTransaction(db, async (trx) => {
      const any = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
      if (any) return null;
      return (await trx.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow()).id;
    });
  },

  async update(id: number, changes: UserChanges): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  },

  /**
   * Applies `changes` unless they would leave the site without an enabled administrator (whose
   * password hash is not `passwordHashNot`, when given); false (and nothing changed) in that case.
   * Serializable, so two admins demoting each other cannot both win. Inside a caller's transaction
   * the caller rolls back on false (by throwing).
   */
  async updateKeepingAnAdmin(
    id: number,
    changes: UserChanges,
    opts: { passwordHashNot?: string } = {},
  ): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      await trx.updateTable('users').set(changes).where('id', '=', id).execute();
      let left = trx.selectFrom('users').select('id').where('is_admin', '=', 1).where('enabled', '=', 1);
      if (opts.passwordHashNot !== undefined) left = left.where('password_hash', '!=', opts.passwordHashNot);
      if (await left.executeTakeFirst()) return true;
      throw new NoAdminLeft();
    }).catch((err: unknown) => {
      if (err instanceof NoAdminLeft) return false;
      throw err;
    });
  },

  /** The newest `count` previous hashes. */
  async previousPasswordHashes(userId: number, count: number): Promise<string[]> {
    if (count <= 0) return [];
    const rows = await db
      .selectFrom('password_history')
      .select('password_hash')
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(count)
      .execute();
    return rows.map((r) => r.password_hash);
  },

  /** The new hash in force, the old one into the history (the newest HISTORY_KEEP kept), "must change" cleared. */
  async replacePassword(user: Pick<UserRow, 'id' | 'password_hash'>, hash: string, now: string): Promise<void> {
    await inTransaction(db, async (trx) => {
      await trx
        .insertInto('password_history')
        .values({ user_id: user.id, password_hash: user.password_hash, created_at: now })
        .execute();
      await trx
        .updateTable('users')
        .set({ password_hash: hash, password_changed_at: now, password_change_required: 0, updated_at: now })
        .where('id', '=', user.id)
        .execute();
      const oldestKept = await trx
        .selectFrom('password_history')
        .select('id')
        .where('user_id', '=', user.id)
        .orderBy('id', 'desc')
        .limit(1)
        .offset(HISTORY_KEEP - 1)
        .executeTakeFirst();
      if (oldestKept)
        await trx
          .deleteFrom('password_history')
          .where('user_id', '=', user.id)
          .where('id', '<', oldestKept.id)
          .execute();
    });
  },

  /** Points the user at a new photo (or none); returns the one it replaced. */
  async swapPhotoEtag(userId: number, etag: string | null, now: string): Promise<string | null> {
    return inTransaction(db, async (trx) => {
      const row = await trx.selectFrom('users').select('photo_etag').where('id', '=', userId).executeTakeFirst();
      await trx.updateTable('users').set({ photo_etag: etag, updated_at: now }).where('id', '=', userId).execute();
      return row?.photo_etag ?? null;
    });
  },

  async photoEtag(userId: number): Promise<string | null> {
    const row = await db.selectFrom('users').select('photo_etag').where('id', '=', userId).executeTakeFirst();
    return row?.photo_etag ?? null;
  },

  /** Every user's current photo, as `<id>-<etag>` (the file names in the photo folder). */
  async currentPhotoNames(): Promise<Set<string>> {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'photo_etag'])
      .where('photo_etag', 'is not', null)
      .execute();
    return new Set(rows.map((r) => `${r.id}-${r.photo_etag}`));
  },

  /** Counts one login attempt before it is verified (see users/lock-counter.ts); null while locked. */
  async reserveAttempt(id: number, policy: LockPolicy): Promise<Reservation | null> {
    const row = await db
      .updateTable('users')
      .set((eb) => reserveChanges(eb, 'users', policy))
      .where('id', '=', id)
      .where((eb) => notLocked(eb, 'users', policy))
      .returning(LOCK_COLUMNS)
      .executeTakeFirst();
    return row ?? null;
  },

  async settleAttempt(id: number, seq: number, limit: number): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => settleChanges(eb, 'users', seq, limit))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('failed_login_count', '!=', 0), eb('locked_until', 'is not', null)]))
      .execute();
  },

  async releaseAttempt(id: number, seq: number, limit: number): Promise<void> {
    await db
      .updateTable('users')
      .set((eb) => releaseChanges(eb, 'users', seq, limit))
      .where('id', '=', id)
      .execute();
  },

  async lockState(id: number): Promise<Reservation | null> {
    return (await db.selectFrom('users').select(LOCK_COLUMNS).where('id', '=', id).executeTakeFirst()) ?? null;
  },
}));

export type UserRepository = ReturnType<typeof userRepository>;

class NoAdminLeft extends Error {}
