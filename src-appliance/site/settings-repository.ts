/** The security policy's stored JSON (`security_settings`, one row): the only code that reads or writes it. */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import './tables.js';

export const settingsRepository = defineRepository((db: Db) => ({
  async read(): Promise<string | null> {
    const row = await db.selectFrom('security_settings').select('settings').where('id', '=', 1).executeTakeFirst();
    return row?.settings ?? null;
  },

  async write(json: string, now: string): Promise<void> {
    await db
      .insertInto('security_settings')
      .values({ id: 1, settings: json, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: json, updated_at: now }))
      .execute();
  },
}));
