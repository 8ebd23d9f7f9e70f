import { type Kysely, sql } from 'kysely';
import { withoutRowId } from './column-types.js';

/**
 * Failed-login counters for usernames that do not exist, so they lock exactly like real accounts
 * and repeated attempts cannot tell which names are real (ASVS 6.3.8).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE login_decoys (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    failed_login_count INTEGER NOT NULL,
    locked_until TEXT NULL,
    locked_by_admin_only INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX login_decoys_updated ON login_decoys(updated_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE login_decoys`.execute(db);
}
