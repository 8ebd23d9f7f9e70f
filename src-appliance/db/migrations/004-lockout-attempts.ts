import { type Kysely, sql } from 'kysely';
import { bigInteger } from './column-types.js';

/**
 * Lockout counts attempts before they are verified: `lockout_seq` numbers every attempt ever
 * reserved for an account (or decoy name), so a success can clear exactly the attempts counted
 * before it and keep those reserved after it (see auth/lockout.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN lockout_seq ${bigInteger(db)} NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE login_decoys ADD COLUMN lockout_seq ${bigInteger(db)} NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE login_decoys DROP COLUMN lockout_seq`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN lockout_seq`.execute(db);
}
