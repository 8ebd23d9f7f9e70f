/** Kysely types of the passkey tables (SQL in db/migrations/106-passkeys.ts). */

export interface PasskeyUserHandlesTable {
  user_id: number;
  /** The WebAuthn user handle (base64url of 32 random bytes): what the authenticator stores instead of the user id. */
  handle: string;
}

export interface PasskeysTable {
  /** Public id in URLs and the list (random; not the credential id). */
  id: string;
  user_id: number;
  /** base64url, as the browser reports it. */
  credential_id: string;
  /** The COSE public key, base64url. */
  public_key: string;
  /** The last signature counter seen (0 for authenticators that do not count). */
  counter: number;
  /** JSON array of the transports the browser reported at registration. */
  transports: string;
  aaguid: string;
  name: string;
  /** 1 for a synced (multi-device) passkey. */
  backup_eligible: number;
  backed_up: number;
  created_at: string;
  last_used_at: string | null;
  /** Set when a sign-in showed a counter lower than before: the passkey no longer signs in. */
  flagged_at: string | null;
}

export type ChallengePurpose = 'registration' | 'sign_in' | 'second_factor';

export interface PasskeyChallengesTable {
  /** The attempt id the client sends back with its answer. */
  id: string;
  /** base64url, as in the options. */
  challenge: string;
  purpose: ChallengePurpose;
  /** The user a registration or second-factor challenge was issued to; null for passwordless sign-in. */
  user_id: number | null;
  /** The session a registration challenge belongs to. */
  session_id: string | null;
  created_at: string;
  expires_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    passkey_user_handles: PasskeyUserHandlesTable;
    passkeys: PasskeysTable;
    passkey_challenges: PasskeyChallengesTable;
  }
}
