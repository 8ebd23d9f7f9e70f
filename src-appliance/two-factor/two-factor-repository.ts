/**
 * Two-factor state per user (`two_factor`) and the recovery codes (`two_factor_recovery_codes`):
 * the only code that reads or writes these tables. Claiming a TOTP step and spending a recovery
 * code are each one conditional UPDATE, so two parallel logins cannot both use them.
 */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import './tables.js';

export interface TwoFactorRow {
  secret_box: string | null;
  pending_box: string | null;
  last_step: number | null;
}

async function replaceCodes(trx: Db, userId: number, codeHashes: string[]): Promise<void> {
  await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0)
    await trx
      .insertInto('two_factor_recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
}

export const twoFactorRepository = defineRepository((db: Db) => ({
  async find(userId: number): Promise<TwoFactorRow | null> {
    const row = await db
      .selectFrom('two_factor')
      .select(['secret_box', 'pending_box', 'last_step'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ?? null;
  },

  async unusedRecoveryCodes(userId: number): Promise<number> {
    const row = await db
      .selectFrom('two_factor_recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async savePending(userId: number, box: string, now: string): Promise<void> {
    await db
      .insertInto('two_factor')
      .values({ user_id: userId, pending_box: box, pending_created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ pending_box: box, pending_created_at: now }))
      .execute();
  },

  /** Records `step` as used for the active secret `box`, unless it (or a later one) already was. */
  async claimStep(userId: number, box: string, step: number): Promise<boolean> {
    const result = await db
      .updateTable('two_factor')
      .set({ last_step: step })
      .where('user_id', '=', userId)
      .where('secret_box', '=', box)
      .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },

  /** The pending secret `pendingBox` becomes the active one with fresh codes; false if it changed meanwhile. */
  async activatePending(
    userId: number,
    pendingBox: string,
    step: number,
    now: string,
    codeHashes: string[],
  ): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      const done = await trx
        .updateTable('two_factor')
        .set((eb) => ({
          secret_box: eb.ref('pending_box'),
          pending_box: null,
          pending_created_at: null,
          last_step: step,
          enabled_at: now,
        }))
        .where('user_id', '=', userId)
        .where('pending_box', '=', pendingBox)
        .executeTakeFirst();
      if (done.numUpdatedRows !== 1n) return false;
      await replaceCodes(trx, userId, codeHashes);
      return true;
    });
  },

  async remove(userId: number): Promise<void> {
    await inTransaction(db, async (trx) => {
      await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute();
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
    });
  },

  async replaceRecoveryCodes(userId: number, codeHashes: string[]): Promise<void> {
    await inTransaction(db, (trx) => replaceCodes(trx, userId, codeHashes));
  },

  /** Marks one unused code with this hash as used; false when there is none. */
  async spendRecoveryCode(userId: number, codeHash: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('two_factor_recovery_codes')
      .set({ used_at: now })
      .where('id', '=', (eb) =>
        eb
          .selectFrom('two_factor_recovery_codes')
          .select('id')
          .where('user_id', '=', userId)
          .where('code_hash', '=', codeHash)
          .where('used_at', 'is', null)
          .limit(1),
      )
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  },
}));
