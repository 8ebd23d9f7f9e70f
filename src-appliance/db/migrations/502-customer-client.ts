import { type Kysely, sql } from 'kysely';

/**
 * The customer client's elevation rules (Management > Customer client): one row, id 1, written
 * with the defaults here so every site has it. Booleans are 0/1 as in every other table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE customer_client_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    elevate_automatically INTEGER NOT NULL,
    elevate_on_request INTEGER NOT NULL,
    updated_at TEXT NULL
  )`.execute(db);
  await sql`INSERT INTO customer_client_settings (id, elevate_automatically, elevate_on_request, updated_at)
    VALUES (1, 0, 1, NULL)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE customer_client_settings`.execute(db);
}
