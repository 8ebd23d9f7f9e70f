import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/**
 * Two-factor authentication: the active and the pending TOTP secret (sealed with the site key,
 * never in clear), the last accepted time step (replay refusal), and hashed single-use recovery codes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE two_factor (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret_box TEXT NULL,
    pending_box TEXT NULL,
    pending_created_at TEXT NULL,
    last_step INTEGER NULL,
    enabled_at TEXT NULL
  )`.execute(db);
  await sql`CREATE TABLE two_factor_recovery_codes (
    id ${autoIncrementKey(db)},
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TEXT NULL
  )`.execute(db);
  await sql`CREATE INDEX two_factor_recovery_codes_user ON two_factor_recovery_codes(user_id, code_hash)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE two_factor_recovery_codes`.execute(db);
  await sql`DROP TABLE two_factor`.execute(db);
}
