import { type Kysely, sql } from 'kysely';
import { bigInteger } from './column-types.js';

/** Artifacts registered with `add-download` (one per catalog id; the file lives under downloads/<id>/). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE downloads (
    id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    size ${bigInteger(db)} NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    added_at TEXT NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE downloads`.execute(db);
}
