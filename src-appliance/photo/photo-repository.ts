/**
 * Profile photos (`user_photos`): the only code that reads or writes the table. A replacement is
 * one transaction that writes the photo and points `users.photo_etag` at it, so every node serves
 * the old photo until it commits and the new one after; there is no file to leave half-written.
 */
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { inTransaction } from '../db/transaction.js';
import { userRepository } from '../users/user-repository.js';
import './tables.js';

export const photoRepository = defineRepository((db: Db) => ({
  async find(userId: number): Promise<{ etag: string; bytes: Buffer } | null> {
    const row = await db
      .selectFrom('user_photos')
      .select(['etag', 'bytes'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? { etag: row.etag, bytes: Buffer.from(row.bytes) } : null;
  },

  /** Stores the photo (null: removes it); returns the etag it replaced. */
  async replace(userId: number, photo: { etag: string; bytes: Buffer } | null, now: string): Promise<string | null> {
    return inTransaction(db, async (trx) => {
      const previous = await userRepository(trx).swapPhotoEtag(userId, photo?.etag ?? null, now);
      if (photo) {
        await trx
          .insertInto('user_photos')
          .values({ user_id: userId, etag: photo.etag, bytes: photo.bytes, updated_at: now })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ etag: photo.etag, bytes: photo.bytes, updated_at: now }),
          )
          .execute();
      } else {
        await trx.deleteFrom('user_photos').where('user_id', '=', userId).execute();
      }
      return previous;
    });
  },

  /** Adds a photo kept as a file by an earlier version, unless the user has one here already. */
  async importLegacy(userId: number, etag: string, bytes: Buffer, now: string): Promise<void> {
    await db
      .insertInto('user_photos')
      .values({ user_id: userId, etag, bytes, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  },
}));
