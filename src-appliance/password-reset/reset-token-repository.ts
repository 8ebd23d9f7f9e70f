/**
 * Password-reset links (`password_reset_tokens`): the only code that reads or writes the table.
 * Issuing one supersedes the user's older ones in the same transaction; spending one is a single
 * conditional UPDATE, so a link works once even under parallel clicks.
 */
import { type ExpressionBuilder } from 'kysely';
import { type DatabaseSchema } from '../db/schema.js';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import './tables.js';

/** Unused, not replaced by a newer link, not expired. */
const live = (eb: ExpressionBuilder<DatabaseSchema, 'password_reset_tokens'>, tokenHash: string, now: string) =>
  eb.and([
    eb('token_hash', '=', tokenHash),
    eb('used_at', 'is', null),
    eb('superseded_at', 'is', null),
    eb('expires_at', '>', now),
  ]);

export const resetTokenRepository = defineRepository((db: Db) => ({
  async issue(userId: number, tokenHash: string, now: string, expiresAt: string): Promise<void> {
    await inTransaction(db, async (trx) => {
      await resetTokenRepository(trx).voidAllOfUser(userId, now);
      await trx
        .insertInto('password_reset_tokens')
        .values({ user_id: userId, token_hash: tokenHash, created_at: now, expires_at: expiresAt })
        .execute();
    });
  },

  /** Makes the user's outstanding links unusable (superseded): a newer one, or the password changed. */
  async voidAllOfUser(userId: number, now: string): Promise<void> {
    await db
      .updateTable('password_reset_tokens')
      .set({ superseded_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .where('superseded_at', 'is', null)
      .execute();
  },

  /** The user a live token belongs to, without spending it. */
  async findLive(tokenHash: string, now: string): Promise<{ id: number; user_id: number; created_at: string } | null> {
    const row = await db
      .selectFrom('password_reset_tokens')
      .select(['id', 'user_id', 'created_at'])
      .where((eb) => live(eb, tokenHash, now))
      .executeTakeFirst();
    return row ?? null;
  },

  /** Spends a live token; false when someone else spent it first (or it died meanwhile). */
  async spend(tokenHash: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where((eb) => live(eb, tokenHash, now))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  async countIssuedSince(userId: number, since: string): Promise<number> {
    const row = await db
      .selectFrom('password_reset_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
}));
