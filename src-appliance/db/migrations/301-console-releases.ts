import { type Kysely, sql } from 'kysely';
import { bigInteger, rowIdKey } from './column-types.js';

/**
 * Console builds published with `publish-console` (the file lives under the data directory) and
 * the per-install update tokens the feed requires (only their SHA-256 is stored).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE console_releases (
    id ${rowIdKey(db)},
    version TEXT NOT NULL,
    platform TEXT NOT NULL CHECK (platform IN ('win', 'mac', 'linux')),
    file_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    size ${bigInteger(db)} NOT NULL,
    sha512 TEXT NOT NULL,
    published_at TEXT NOT NULL,
    UNIQUE (platform, version)
  )`.execute(db);
  await sql`CREATE TABLE update_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    install_id TEXT NOT NULL,
    user_id INTEGER NULL REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT NULL,
    revoked_at TEXT NULL
  )`.execute(db);
  // At most one live token per install: issuing a new one revokes the old one in the same transaction.
  await sql`CREATE UNIQUE INDEX update_tokens_live_install ON update_tokens(install_id) WHERE revoked_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE update_tokens`.execute(db);
  await sql`DROP TABLE console_releases`.execute(db);
}
