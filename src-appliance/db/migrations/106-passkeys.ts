import { type Kysely, sql } from 'kysely';
import { bigInteger, withoutRowId } from './column-types.js';

/**
 * Passkeys (WebAuthn credentials): the public key (COSE, base64url), the last signature counter,
 * what the authenticator said about itself (AAGUID, backup eligibility), when a counter went
 * backwards (`flagged_at`). Each user has one random WebAuthn user handle, so the authenticator
 * never stores the account's number. Ceremony challenges are rows too, so a challenge issued by one
 * appliance process is answered at another: single-use (deleted when answered), five minutes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE passkey_user_handles (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    handle TEXT NOT NULL UNIQUE
  )`.execute(db);
  await sql`CREATE TABLE passkeys (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    counter ${bigInteger(db)} NOT NULL,
    transports TEXT NOT NULL,
    aaguid TEXT NOT NULL,
    name TEXT NOT NULL,
    backup_eligible INTEGER NOT NULL,
    backed_up INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT NULL,
    flagged_at TEXT NULL
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX passkeys_user ON passkeys(user_id)`.execute(db);
  await sql`CREATE TABLE passkey_challenges (
    id TEXT PRIMARY KEY,
    challenge TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('registration', 'sign_in', 'second_factor')),
    user_id INTEGER NULL REFERENCES users(id) ON DELETE CASCADE,
    session_id TEXT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX passkey_challenges_expiry ON passkey_challenges(expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE passkey_challenges`.execute(db);
  await sql`DROP TABLE passkeys`.execute(db);
  await sql`DROP TABLE passkey_user_handles`.execute(db);
}
