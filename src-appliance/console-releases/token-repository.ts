/**
 * Update tokens of console installs (`update_tokens`): the only code that reads or writes the
 * table. At most one live token per install: issuing one revokes the install's previous one in
 * the same transaction (a unique index on live tokens backs it).
 */
import { type Insertable, type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import { type UpdateTokensTable } from './tables.js';

export type UpdateTokenRow = Selectable<UpdateTokensTable>;

export const tokenRepository = defineRepository((db: Db) => ({
  /**
   * Issues the install's token, revoking its live one in the same transaction; with
   * `rotate: false`, false instead (nothing changed) when the install has a live token.
   */
  async issue(row: Insertable<UpdateTokensTable>, opts: { rotate: boolean } = { rotate: true }): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      if (!opts.rotate) {
        const live = await trx
          .selectFrom('update_tokens')
          .select('id')
          .where('install_id', '=', row.install_id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (live) return false;
      }
      await trx
        .updateTable('update_tokens')
        .set({ revoked_at: row.created_at })
        .where('install_id', '=', row.install_id)
        .where('revoked_at', 'is', null)
        .execute();
      await trx.insertInto('update_tokens').values(row).execute();
      return true;
    });
  },

  /** Revokes every live token of the user's installs; returns the installs whose token died. */
  async revokeAllOfUser(userId: number, at: string): Promise<string[]> {
    const rows = await db
      .updateTable('update_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .returning('install_id')
      .execute();
    return rows.map((r) => r.install_id);
  },

  async findLive(tokenHash: string): Promise<Pick<UpdateTokenRow, 'id' | 'install_id'> | null> {
    const row = await db
      .selectFrom('update_tokens')
      .select(['id', 'install_id'])
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ?? null;
  },

  async touch(id: string, at: string): Promise<void> {
    await db.updateTable('update_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  },

  async listNewestFirst(): Promise<UpdateTokenRow[]> {
    return db.selectFrom('update_tokens').selectAll().orderBy('created_at', 'desc').execute();
  },

  /** Revokes a token; false when there is no such token. Revoking a revoked token changes nothing. */
  async revoke(id: string, at: string): Promise<boolean> {
    const row = await db.selectFrom('update_tokens').select('revoked_at').where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (!row.revoked_at) await db.updateTable('update_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
    return true;
  },
}));
