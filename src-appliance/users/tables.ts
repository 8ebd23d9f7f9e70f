/**
 * Kysely table types of the accounts (SQL in db/migrations/001-accounts.ts, 003-login-decoys.ts,
 * 004-lockout-attempts.ts). Booleans are integers 0/1 and times ISO-8601 UTC strings
 * (`Date#toISOString`, which compare correctly as text) on both engines.
 */
import { type Generated, type Selectable } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  private_display_name: string;
  public_display_name: string;
  email_address: string | null;
  preferred_email_language: string | null;
  enabled: number;
  is_admin: number;
  failed_login_count: number;
  locked_until: string | null;
  /** 1 when the lockout has no end (lockout_duration_minutes = 0): only an admin unlocks. */
  locked_by_admin_only: number;
  /** Login attempts ever reserved for this account (see auth/lockout.ts). */
  lockout_seq: Generated<number>;
  password_changed_at: string;
  password_change_required: number;
  two_factor_required: number;
  extended_availability_allowed: number;
  extended_availability_enabled: number;
  photo_etag: string | null;
  created_at: string;
  updated_at: string;
}

/** A user as read from the database. */
export type UserRow = Selectable<UsersTable>;

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: string;
}

/** Failed-login counts of names that have no account (so they lock like real ones). */
export interface LoginDecoysTable {
  name: string;
  failed_login_count: number;
  locked_until: string | null;
  locked_by_admin_only: number;
  lockout_seq: Generated<number>;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    users: UsersTable;
    password_history: PasswordHistoryTable;
    login_decoys: LoginDecoysTable;
  }
}
