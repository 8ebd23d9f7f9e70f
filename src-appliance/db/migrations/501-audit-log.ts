import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/**
 * The audit log: one row per administrative change, never updated or deleted by the appliance.
 * The actor's and the target's names are copied in, so a line still reads right after a rename.
 * `changes` is JSON `{field: {old, new}}` with secrets already replaced by "[redacted]".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE audit_log (
    id ${autoIncrementKey(db)},
    at TEXT NOT NULL,
    actor_id INTEGER NULL,
    actor_username TEXT NULL COLLATE NOCASE,
    kind TEXT NOT NULL,
    target TEXT NULL,
    target_label TEXT NULL,
    changes TEXT NOT NULL,
    ip TEXT NULL
  )`.execute(db);
  await sql`CREATE INDEX audit_log_at ON audit_log(at)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log(actor_username, id)`.execute(db);
  await sql`CREATE INDEX audit_log_kind ON audit_log(kind, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE audit_log`.execute(db);
}
