import { type Kysely, sql } from 'kysely';

/** Login sessions: the opaque token is never stored, only its SHA-256. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client TEXT NOT NULL CHECK (client IN ('web', 'console')),
    install_id TEXT NULL,
    console_version TEXT NULL,
    restriction TEXT NULL CHECK (restriction IN ('password_change', 'two_factor_enrollment')),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    user_agent TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX sessions_user ON sessions(user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE sessions`.execute(db);
}
