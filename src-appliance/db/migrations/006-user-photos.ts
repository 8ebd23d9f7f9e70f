import { type Kysely, sql } from 'kysely';
import { binary } from './column-types.js';

/**
 * Profile photos in the database, so every node of a site serves them (they were files in the
 * data folder: photo/legacy-photo-files.ts moves those in at start). One row per user with a
 * photo; `users.photo_etag` names the same version for the account view.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE user_photos (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    etag TEXT NOT NULL,
    bytes ${binary(db)} NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE user_photos`.execute(db);
}
