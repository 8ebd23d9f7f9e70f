import { type Kysely, sql } from 'kysely';
import { autoIncrementKey, withoutRowId } from './column-types.js';

/**
 * Single sign-on: the site's OpenID Connect providers (the client secret sealed with the site key),
 * the sign-ins sent to a provider and not yet back (kept here, not in one process's memory, so the
 * provider may send the browser back to any node), and which provider account is which user.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE identity_providers (
    id ${autoIncrementKey(db)},
    kind TEXT NOT NULL CHECK (kind IN ('oidc')),
    name TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret_sealed TEXT NOT NULL,
    scopes TEXT NOT NULL,
    username_claim TEXT NOT NULL,
    display_name_claim TEXT NOT NULL,
    email_claim TEXT NOT NULL,
    admin_group_claim TEXT NULL,
    admin_group_value TEXT NULL,
    jit_provisioning INTEGER NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE sso_sign_ins (
    state_hash TEXT PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    browser_hash TEXT NOT NULL,
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    desktop_request TEXT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX sso_sign_ins_expiry ON sso_sign_ins(expires_at)`.execute(db);
  await sql`CREATE TABLE user_identities (
    provider_id INTEGER NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_sign_in_at TEXT NOT NULL,
    PRIMARY KEY (provider_id, subject)
  )${withoutRowId(db)}`.execute(db);
  await sql`CREATE INDEX user_identities_user ON user_identities(user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['user_identities', 'sso_sign_ins', 'identity_providers'])
    await sql`DROP TABLE ${sql.raw(t)}`.execute(db);
}
