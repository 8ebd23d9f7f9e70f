import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/**
 * Security activity: one row per thing that happened to an account, as a stable kind and its data
 * (JSON), never prose. Failed attempts are grouped into one row per method and IP (`group_key`),
 * counted in `count` up to `last_at`. `device_key` (client, browser, OS and IP of a sign-in) finds
 * a sign-in from a new device with the index. `activity_sweeps` holds the day each sweep last ran,
 * so one process claims a day's retention sweep with one conditional UPDATE.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE security_activity (
    id ${autoIncrementKey(db)},
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL,
    group_key TEXT NULL,
    device_key TEXT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    last_at TEXT NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX security_activity_user ON security_activity(user_id, id)`.execute(db);
  await sql`CREATE INDEX security_activity_device ON security_activity(user_id, device_key, at)`.execute(db);
  await sql`CREATE INDEX security_activity_group ON security_activity(user_id, group_key, at)`.execute(db);
  await sql`CREATE INDEX security_activity_last_at ON security_activity(last_at)`.execute(db);
  await sql`CREATE TABLE activity_sweeps (
    name TEXT PRIMARY KEY,
    last_run_on TEXT NOT NULL
  )`.execute(db);
  await sql`INSERT INTO activity_sweeps (name, last_run_on) VALUES ('retention', '1970-01-01')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE activity_sweeps`.execute(db);
  await sql`DROP TABLE security_activity`.execute(db);
}
