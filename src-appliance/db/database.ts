/**
 * Opening the appliance's database: PostgreSQL when APPLIANCE_DATABASE_URL is set
 * (./postgres-engine.ts), otherwise the embedded SQLite file in APPLIANCE_DATA_DIR
 * (./sqlite-engine.ts). All queries are Kysely and live in the features' repositories
 * (./repository.ts), so both engines run the same code. Migrations are versioned files under
 * ./migrations, one set for both engines, applied under the engine's migration lock at start. Each
 * feature numbers its migrations in its own range (0xx, 1xx, ...), so a database may have run 301
 * before 103 exists: unordered migrations are allowed (each still runs exactly once).
 */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index.js';
import { type Engine } from './engine.js';
import { openSqlite } from './sqlite-engine.js';
import { openPostgres } from './postgres-engine.js';

export { type Db, type EngineKind } from './engine.js';

export interface DatabaseConfig {
  dataDir: string;
  /** postgres://… selects PostgreSQL; null keeps SQLite in dataDir. */
  databaseUrl: string | null;
}

export interface OpenedDatabase extends Engine {
  /** Migrations this start applied (0 when they were already applied, by this or another process). */
  migrationsApplied: number;
}

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenedDatabase> {
  const engine = config.databaseUrl ? await openPostgres(config.databaseUrl) : openSqlite(config.dataDir);
  try {
    const migrationsApplied = await engine.withMigrationLock(async (db) => {
      const { error, results } = await new Migrator({
        db,
        provider: new StaticMigrationProvider(),
        allowUnorderedMigrations: true,
      }).migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) {
        throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
      }
      return results?.filter((r) => r.status === 'Success').length ?? 0;
    });
    return { ...engine, migrationsApplied };
  } catch (err) {
    await engine.close();
    throw err;
  }
}
