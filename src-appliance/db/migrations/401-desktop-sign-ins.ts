import { type Kysely, sql } from 'kysely';
import { withoutRowId } from './column-types.js';

/**
 * Authorization requests of the desktop console's browser sign-in and their one-time codes. Only
 * the SHA-256 of a code is kept; a row lives five minutes as a request, 60 s more as a code, and
 * an hour in all (so a replayed code is recognised as used, not unknown).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE desktop_sign_ins (
    id TEXT PRIMARY KEY,
    code_challenge TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    decided_at TEXT NULL,
    user_id INTEGER NULL REFERENCES users(id) ON DELETE CASCADE,
    restriction TEXT NULL CHECK (restriction IN ('two_factor_enrollment')),
    code_hash TEXT NULL UNIQUE,
    code_expires_at TEXT NULL,
    exchanged_at TEXT NULL
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX desktop_sign_ins_expiry ON desktop_sign_ins(expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE desktop_sign_ins`.execute(db);
}
