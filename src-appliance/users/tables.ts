/**
 * Kysely table types for the core tables (SQL in db/migrations/001-accounts.ts, 002-sessions.ts).
 * Booleans are SQLite integers 0/1; times are ISO-8601 UTC strings (`Date#toISOString`), which
 * compare correctly as text.
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

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: number;
  client: 'web' | 'console';
  install_id: string | null;
  console_version: string | null;
  restriction: SessionRestriction | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export type SessionRestriction = 'password_change' | 'two_factor_enrollment';

export interface SecuritySettingsTable {
  id: number;
  settings: string;
  updated_at: string;
}

export interface SiteStateTable {
  key: string;
  value: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    users: UsersTable;
    password_history: PasswordHistoryTable;
    sessions: SessionsTable;
    security_settings: SecuritySettingsTable;
    site_state: SiteStateTable;
  }
}
