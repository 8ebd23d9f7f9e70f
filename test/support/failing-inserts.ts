/**
 * Makes every insert into a table fail, in the real database (a trigger in each engine's syntax),
 * so a test can show that a step whose rows belong together leaves none of them behind.
 */
import { sql } from 'kysely';
import { type Db } from '../../src-appliance/db/engine.js';
import { TEST_ENGINE } from './test-database.js';

const triggerOf = (table: string) => sql.raw(`${table}_down`);

/** Every INSERT into `table` fails until repairInserts. */
export async function breakInserts(db: Db, table: string): Promise<void> {
  const name = triggerOf(table);
  if (TEST_ENGINE === 'sqlite')
    return void (await sql`CREATE TRIGGER ${name} BEFORE INSERT ON ${sql.table(table)} BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} down`)}); END`.execute(
      db,
    ));
  await sql`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'table down'; END $$`.execute(
    db,
  );
  await sql`CREATE TRIGGER ${name} BEFORE INSERT ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION ${name}()`.execute(
    db,
  );
}

export async function repairInserts(db: Db, table: string): Promise<void> {
  const name = triggerOf(table);
  if (TEST_ENGINE === 'sqlite') return void (await sql`DROP TRIGGER ${name}`.execute(db));
  await sql`DROP TRIGGER ${name} ON ${sql.table(table)}`.execute(db);
  await sql`DROP FUNCTION ${name}()`.execute(db);
}
