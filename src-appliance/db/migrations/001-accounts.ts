import { type Kysely, sql } from 'kysely';
import { autoIncrementKey, createNocaseCollation } from './column-types.js';

/** Technician accounts, their previous password hashes, the security settings and site state. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createNocaseCollation(db);
  await sql`CREATE TABLE users (
    id ${autoIncrementKey(db)},
    username TEXT NOT NULL COLLATE NOCASE UNIQUE,
    password_hash TEXT NOT NULL,
    private_display_name TEXT NOT NULL,
    public_display_name TEXT NOT NULL,
    email_address TEXT NULL,
    preferred_email_language TEXT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    is_admin INTEGER NOT NULL DEFAULT 0,
    failed_login_count INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NULL,
    locked_by_admin_only INTEGER NOT NULL DEFAULT 0,
    password_changed_at TEXT NOT NULL,
    password_change_required INTEGER NOT NULL DEFAULT 0,
    two_factor_required INTEGER NOT NULL DEFAULT 0,
    extended_availability_allowed INTEGER NOT NULL DEFAULT 0,
    extended_availability_enabled INTEGER NOT NULL DEFAULT 0,
    photo_etag TEXT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE password_history (
    id ${autoIncrementKey(db)},
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX password_history_user ON password_history(user_id, id)`.execute(db);
  // One row (id = 1) holding the settings as JSON: new settings get their default without a migration.
  await sql`CREATE TABLE security_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE site_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['site_state', 'security_settings', 'password_history', 'users'])
    await sql`DROP TABLE ${sql.raw(t)}`.execute(db);
}
