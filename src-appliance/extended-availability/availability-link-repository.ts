/** What was announced about each user's extended availability (`extended_availability_links`): the only code that touches it. */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import './tables.js';

export const availabilityLinkRepository = defineRepository((db: Db) => ({
  /**
   * Records `enabled` as announced (with `nonce` for the link, or none) when it differs from what
   * was announced last; returns whether it did, so only one caller mails about an enabling.
   */
  async announce(userId: number, enabled: boolean, nonce: string | null, now: string): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      const row = await trx
        .selectFrom('extended_availability_links')
        .select('announced')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (enabled === (row?.announced === 1)) return false;
      const values = { announced: enabled ? 1 : 0, disable_nonce: nonce, updated_at: now };
      await trx
        .insertInto('extended_availability_links')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      return true;
    });
  },

  /** Spends the disable link's nonce; false when it is not the current one (used, or replaced). */
  async spendDisableNonce(userId: number, nonce: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('extended_availability_links')
      .set({ announced: 0, disable_nonce: null, updated_at: now })
      .where('user_id', '=', userId)
      .where('disable_nonce', '=', nonce)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
}));
