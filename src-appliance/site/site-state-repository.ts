/** Site-wide key/value state (`site_state`): the only code that reads or writes the table. */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import './tables.js';

export type SiteStateKey = 'site_secret' | 'software_version' | 'console_version' | (string & {});

export const siteStateRepository = defineRepository((db: Db) => ({
  async get(key: SiteStateKey): Promise<string | null> {
    const row = await db.selectFrom('site_state').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  },

  async set(key: SiteStateKey, value: string): Promise<void> {
    await db
      .insertInto('site_state')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  },

  /** Sets the key only when it has no value yet (several processes may start at once). */
  async setIfMissing(key: SiteStateKey, value: string): Promise<void> {
    await db
      .insertInto('site_state')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  },

  /**
   * Sets every key in `keys` to `value` when `replaces(current value of keys[0])` says so, in one
   * transaction; returns whether it did.
   */
  async setWhen(keys: SiteStateKey[], value: string, replaces: (current: string | null) => boolean): Promise<boolean> {
    return inTransaction(db, async (trx) => {
      const state = siteStateRepository(trx);
      if (!replaces(await state.get(keys[0]!))) return false;
      for (const key of keys) await state.set(key, value);
      return true;
    });
  },
}));
