/** Kysely types of the live-event relay table (SQL in db/migrations/601-live-events.ts). */
import { type Generated } from 'kysely';

export interface LiveEventsTable {
  id: Generated<number>;
  /** The process that published it (and delivered it to its own sockets already). */
  origin: string;
  /** An EventRoute (./event-hub.ts) as JSON. */
  route: string;
  /** The LiveEvent as JSON. */
  event: string;
  created_at: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    live_events: LiveEventsTable;
  }
}
