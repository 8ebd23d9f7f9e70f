/**
 * The embedded database: SQLite through better-sqlite3 in WAL mode, queried with Kysely so a
 * PostgreSQL dialect can be added later without touching the queries. Migrations are versioned
 * files under ./migrations, applied in order at start. Each feature numbers its migrations in its
 * own range (0xx, 1xx, ...), so a database may have run 301 before 103 exists: unordered
 * migrations are allowed (each still runs exactly once).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import { type DatabaseSchema } from './schema.js';
import { migrations } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';

export type Db = Kysely<DatabaseSchema>;

export interface OpenedDatabase {
  db: Db;
  /** The raw handle, for the few places that need a synchronous transaction (lockout counters). */
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function openDatabase(dataDir: string, fileName = 'appliance.sqlite'): Promise<OpenedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(path.join(dataDir, fileName));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Kysely and ctx.sqlite share one statement cache (see statement-cache.ts).
  const cached = withStatementCache(sqlite);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: cached }) });
  const { error, results } = await new Migrator({
    db,
    provider: new StaticMigrationProvider(),
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`database migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return { db, sqlite: cached, close: () => db.destroy() };
}
