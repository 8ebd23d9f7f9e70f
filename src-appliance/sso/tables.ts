/** Kysely types of the single sign-on tables (SQL in db/migrations/402-identity-providers.ts). */
import { type Generated } from 'kysely';

export interface IdentityProvidersTable {
  id: Generated<number>;
  kind: 'oidc';
  name: string;
  issuer: string;
  client_id: string;
  /** SiteKey.encrypt(secret, `identity-provider:<id>`). */
  client_secret_sealed: string;
  scopes: string;
  username_claim: string;
  display_name_claim: string;
  email_claim: string;
  admin_group_claim: string | null;
  admin_group_value: string | null;
  jit_provisioning: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

/** A browser sent to a provider and not back yet; keyed by the SHA-256 of the `state` it carries. */
export interface SsoSignInsTable {
  state_hash: string;
  provider_id: number;
  /** SHA-256 of the cookie that ties the sign-in to the browser that started it. */
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  /** The desktop sign-in this completes, or null for a web session. */
  desktop_request: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The provider account (`sub`) that is this user. */
export interface UserIdentitiesTable {
  provider_id: number;
  subject: string;
  user_id: number;
  created_at: string;
  last_sign_in_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    identity_providers: IdentityProvidersTable;
    sso_sign_ins: SsoSignInsTable;
    user_identities: UserIdentitiesTable;
  }
}
