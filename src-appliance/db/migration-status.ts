/**
 * Which of this build's migrations the database lacks, read from Kysely's own bookkeeping table
 * (`kysely_migration`). A newer node may have applied more, never fewer. Throws when the database
 * cannot be reached.
 */
import { type Db } from './engine.js';
import { migrations } from './migrations/index.js';

const KNOWN_MIGRATIONS = Object.keys(migrations);

export async function pendingMigrations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute();
  const applied = new Set(rows.map((r) => (r as { name: string }).name));
  return KNOWN_MIGRATIONS.filter((m) => !applied.has(m));
}
