/** Kysely type of the login sessions (SQL in db/migrations/002-sessions.ts). */
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

declare module '../db/schema.js' {
  interface DatabaseSchema {
    sessions: SessionsTable;
  }
}
