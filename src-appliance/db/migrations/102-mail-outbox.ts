import { type Kysely, sql } from 'kysely';
import { autoIncrementKey } from './column-types.js';

/**
 * The durable mail outbox: a mail is a row before anyone tries to send it, so a down SMTP server
 * or a restart loses nothing. `sent_at` is set once the server accepted it; until then the worker
 * retries at `next_attempt_at` with a growing delay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mail_outbox (
    id ${autoIncrementKey(db)},
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT NULL,
    sent_at TEXT NULL,
    message_id TEXT NULL,
    gave_up_at TEXT NULL
  )`.execute(db);
  await sql`CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND gave_up_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE mail_outbox`.execute(db);
}
