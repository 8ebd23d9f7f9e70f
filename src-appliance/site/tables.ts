/** Kysely types of the security settings and the site state (SQL in db/migrations/001-accounts.ts). */
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
    security_settings: SecuritySettingsTable;
    site_state: SiteStateTable;
  }
}
