/** Files registered with `add-download` (`downloads`): the only code that reads or writes the table. */
import { type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import { type DownloadsTable } from './tables.js';

export type DownloadRow = Selectable<DownloadsTable>;

export const downloadRepository = defineRepository((db: Db) => ({
  async all(): Promise<DownloadRow[]> {
    return db.selectFrom('downloads').selectAll().execute();
  },

  async find(id: string): Promise<DownloadRow | null> {
    return (await db.selectFrom('downloads').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  },

  /** Records the file of catalog entry `row.id`; returns the stored path it replaced, if any. */
  async replace(row: DownloadRow): Promise<string | null> {
    return inTransaction(db, async (trx) => {
      const previous = await trx
        .selectFrom('downloads')
        .select('stored_path')
        .where('id', '=', row.id)
        .executeTakeFirst();
      await trx
        .insertInto('downloads')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
      return previous?.stored_path ?? null;
    });
  },
}));
