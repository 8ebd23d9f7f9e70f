/** Kysely type of the announcements of extended availability (SQL in db/migrations/104-availability-invitations.ts). */
export interface ExtendedAvailabilityLinksTable {
  user_id: number;
  /** 1 once the current enabling was announced by mail. */
  announced: number;
  /** The nonce of the one-click disable link; null once used (it works once). */
  disable_nonce: string | null;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    extended_availability_links: ExtendedAvailabilityLinksTable;
  }
}
