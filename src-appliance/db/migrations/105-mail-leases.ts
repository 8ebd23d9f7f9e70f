import { type Kysely, sql } from 'kysely';

/**
 * Outbox leases: a worker takes a due mail by setting `leased_until` (and `lease_owner`) in one
 * statement before it talks to SMTP, so two workers (processes or nodes) never send the same mail
 * at once, and a mail whose worker died is taken again once its lease has run out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE mail_outbox ADD COLUMN leased_until TEXT NULL`.execute(db);
  await sql`ALTER TABLE mail_outbox ADD COLUMN lease_owner TEXT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE mail_outbox DROP COLUMN lease_owner`.execute(db);
  await sql`ALTER TABLE mail_outbox DROP COLUMN leased_until`.execute(db);
}
