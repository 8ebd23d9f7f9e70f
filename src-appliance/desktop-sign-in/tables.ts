/** Kysely types of the desktop sign-in table (SQL in db/migrations/401-desktop-sign-ins.ts). */
export interface DesktopSignInsTable {
  /** Public: in the web console's address while the person signs in. */
  id: string;
  code_challenge: string;
  redirect_uri: string;
  state: string;
  created_at: string;
  expires_at: string;
  /** When the person approved or refused; a request is decided once. */
  decided_at: string | null;
  user_id: number | null;
  restriction: 'two_factor_enrollment' | null;
  code_hash: string | null;
  code_expires_at: string | null;
  exchanged_at: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    desktop_sign_ins: DesktopSignInsTable;
  }
}
