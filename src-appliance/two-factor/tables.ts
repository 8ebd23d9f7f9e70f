/** Kysely types of the two-factor tables (SQL in db/migrations/101-two-factor.ts). */
import { type Generated } from 'kysely';

export interface TwoFactorTable {
  user_id: number;
  /** The active TOTP secret, sealed with the site key (never in clear). */
  secret_box: string | null;
  pending_box: string | null;
  pending_created_at: string | null;
  /** The last accepted time step: a code is accepted only for a later one (no replay). */
  last_step: number | null;
  enabled_at: string | null;
}

export interface TwoFactorRecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    two_factor: TwoFactorTable;
    two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  }
}
