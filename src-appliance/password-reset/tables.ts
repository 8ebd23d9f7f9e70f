/** Kysely type of the reset links (SQL in db/migrations/103-password-reset.ts). */
import { type Generated } from 'kysely';

export interface PasswordResetTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token: the token itself is only in the mailed link. */
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  superseded_at: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    password_reset_tokens: PasswordResetTokensTable;
  }
}
