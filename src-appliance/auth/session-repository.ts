/** Login sessions (`sessions`): the only code that reads or writes the table. */
import { type Db } from '../db/engine.js';
import { defineRepository, inChunks } from '../db/repository.js';
import { type SessionRestriction, type SessionsTable } from './tables.js';

export type SessionListRow = Pick<SessionsTable, 'id' | 'client' | 'created_at' | 'last_seen_at' | 'ip' | 'user_agent'>;
export type LiveSessionRow = Pick<SessionsTable, 'id' | 'user_id' | 'last_seen_at' | 'expires_at'>;
export type FoundSessionRow = Pick<
  SessionsTable,
  'id' | 'user_id' | 'client' | 'install_id' | 'restriction' | 'last_seen_at' | 'expires_at'
>;

export const sessionRepository = defineRepository((db: Db) => ({
  async insert(row: SessionsTable): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },

  async findByTokenHash(tokenHash: string): Promise<FoundSessionRow | null> {
    const row = await db
      .selectFrom('sessions')
      .select(['id', 'user_id', 'client', 'install_id', 'restriction', 'last_seen_at', 'expires_at'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ?? null;
  },

  async createdAt(id: string): Promise<string | null> {
    const row = await db.selectFrom('sessions').select('created_at').where('id', '=', id).executeTakeFirst();
    return row?.created_at ?? null;
  },

  async listForUser(userId: number): Promise<SessionListRow[]> {
    return db
      .selectFrom('sessions')
      .select(['id', 'client', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  },

  /** The sessions among `ids` that still exist. */
  async findByIds(ids: string[]): Promise<LiveSessionRow[]> {
    return inChunks(ids, (chunk) =>
      db
        .selectFrom('sessions')
        .select(['id', 'user_id', 'last_seen_at', 'expires_at'])
        .where('id', 'in', chunk)
        .execute(),
    );
  },

  /** Of these sessions, those without a restriction (not waiting for a password change or 2FA enrolment). */
  async unrestrictedAmong(ids: string[]): Promise<string[]> {
    const rows = await inChunks(ids, (chunk) =>
      db.selectFrom('sessions').select('id').where('id', 'in', chunk).where('restriction', 'is', null).execute(),
    );
    return rows.map((r) => r.id);
  },

  async touch(id: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },

  async setRestriction(id: string, restriction: SessionRestriction | null): Promise<void> {
    await db.updateTable('sessions').set({ restriction }).where('id', '=', id).execute();
  },

  async delete(id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  },

  /** Deletes the user's sessions (all, or all but `except`); returns the ids deleted. */
  async deleteForUser(userId: number, except?: string): Promise<string[]> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (except) q = q.where('id', '!=', except);
    return (await q.returning('id').execute()).map((r) => r.id);
  },

  /** Deletes one session of this user; false when there is none with that id. */
  async deleteOne(userId: number, id: string): Promise<boolean> {
    const ended = await db
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returning('id')
      .execute();
    return ended.length > 0;
  },
}));
