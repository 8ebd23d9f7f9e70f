import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/** Password-reset links: only the SHA-256 of the token is kept; a link is single use and 24 h. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE password_reset_tokens (
    id ${autoIncrementKey(db)},
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL,
    superseded_at TEXT NULL
  )`.execute(db);
  await sql`CREATE INDEX password_reset_tokens_user ON password_reset_tokens(user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE password_reset_tokens`.execute(db);
}
