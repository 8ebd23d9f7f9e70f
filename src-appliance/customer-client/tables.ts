/** Kysely type of the customer client's elevation rules (SQL in db/migrations/502-customer-client.ts). */
export interface CustomerClientSettingsTable {
  /** Always 1: the site has one set of rules. */
  id: number;
  elevate_automatically: number;
  elevate_on_request: number;
  updated_at: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    customer_client_settings: CustomerClientSettingsTable;
  }
}
