import { type Kysely, sql } from 'kysely';

/**
 * The publisher's Ed25519 signature of each console release (base64), carried in the update feed
 * so consoles can check it. Releases published before signing existed have none, and consoles do
 * not install them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE console_releases ADD COLUMN signature TEXT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE console_releases DROP COLUMN signature`.execute(db);
}
