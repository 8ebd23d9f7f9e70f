/**
 * What both database engines (./sqlite-engine.ts, ./postgres-engine.ts) provide to the rest of the
 * appliance: the Kysely handle, the change signal for read caches, and the lock migrations run under.
 */
import { type Kysely } from 'kysely';
import { type DatabaseSchema } from './schema.js';
import { type DataChanges } from './data-changes.js';

export type Db = Kysely<DatabaseSchema>;
export type EngineKind = 'sqlite' | 'postgres';

/** How often the SQLite engine looks for commits made by other processes (see DataChanges). */
export const EXTERNAL_CHANGE_POLL_MS = 200;

export interface Engine {
  kind: EngineKind;
  db: Db;
  changes: DataChanges;
  /** Runs `work` while no other process can migrate the same database. */
  withMigrationLock<T>(work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
