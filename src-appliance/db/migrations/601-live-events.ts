import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/**
 * Live events on their way to the sockets of other processes and nodes (events/event-relay.ts):
 * one row per event, who it is for (`route`: a user, some sessions, everyone) and what it says,
 * kept a few minutes. The process that wrote it has already delivered it to its own sockets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE live_events (
    id ${autoIncrementKey(db)},
    origin TEXT NOT NULL,
    route TEXT NOT NULL,
    event TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX live_events_created_at ON live_events(created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE live_events`.execute(db);
}
