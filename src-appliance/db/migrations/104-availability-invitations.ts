import { type Kysely, sql } from 'kysely';

/**
 * Extended availability: which enabling was already announced by mail, and the nonce of the
 * one-click disable link (cleared when used, so it works once). Invitations: who invited whom, how.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE extended_availability_links (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    announced INTEGER NOT NULL DEFAULT 0,
    disable_nonce TEXT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    from_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message TEXT NULL,
    delivered_by TEXT NOT NULL CHECK (delivered_by IN ('console', 'email')),
    created_at TEXT NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE invitations`.execute(db);
  await sql`DROP TABLE extended_availability_links`.execute(db);
}
