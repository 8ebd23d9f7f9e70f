/**
 * Which engine the appliance tests run on: the `appliance` project uses SQLite files, the
 * `appliance-pg` project (APPLIANCE_TEST_ENGINE=postgres) the throwaway cluster of
 * ./postgres-global-setup.ts. On PostgreSQL every data directory gets its own database, created on
 * first use, so an appliance restarted on the same directory (in-process or as a child process)
 * finds its data again, and test files never see each other's rows.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, openDatabase, type OpenedDatabase } from '../../src-appliance/db/database.js';
import { isPostgres } from '../../src-appliance/db/transaction.js';
import { SQLITE_FILE } from '../../src-appliance/db/sqlite-engine.js';
import { type ApplianceConfig } from '../../src-appliance/config.js';
import '../../src-appliance/users/tables.js';
import { newUser } from '../../src-appliance/users/new-user.js';

export type TestEngine = 'sqlite' | 'postgres';
export const TEST_ENGINE: TestEngine = process.env.APPLIANCE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

let admin: { url: string; pool: pg.Pool } | null = null;
const created = new Map<string, Promise<string>>();

async function adminPool(): Promise<{ url: string; pool: pg.Pool }> {
  if (!admin) {
    // Imported here: benchmarks use this support outside Vitest, always on SQLite.
    const { inject } = await import('vitest');
    const url = inject('postgresAdminUrl');
    admin = { url, pool: new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true }) };
  }
  return admin;
}

/** A fresh, empty database on the test cluster; returns its URL. */
export async function createTestDatabase(name: string): Promise<string> {
  const { url: adminUrl, pool } = await adminPool();
  try {
    await pool.query(`CREATE DATABASE "${name}"`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42P04') throw err; // duplicate_database: made already
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** APPLIANCE_DATABASE_URL for an appliance on `dataDir`: null on SQLite (the file lives in dataDir). */
export async function databaseUrlFor(dataDir: string): Promise<string | null> {
  if (TEST_ENGINE === 'sqlite') return null;
  let url = created.get(dataDir);
  if (!url) {
    const name = `t_${crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
    created.set(dataDir, (url = createTestDatabase(name)));
  }
  return url;
}

/** Opens (and migrates) the database of `dataDir` on the test engine, as an appliance on it would. */
export async function openTestDatabase(dataDir: string): Promise<OpenedDatabase> {
  return openDatabase({ dataDir, databaseUrl: await databaseUrlFor(dataDir) });
}

/** Inserts a user row straight into the table (no password); its id. For tests of repositories below the API. */
export async function insertTestUser(db: Db, username: string): Promise<number> {
  const row = await db
    .insertInto('users')
    .values(newUser({ username, password_hash: '' }, new Date().toISOString()))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A second connection to an appliance's database, as another process would have (its writes are "elsewhere"). */
export function openOtherConnection(app: {
  config: Pick<ApplianceConfig, 'dataDir' | 'databaseUrl'>;
}): Promise<OpenedDatabase> {
  return openDatabase({ dataDir: app.config.dataDir, databaseUrl: app.config.databaseUrl });
}

/** Waits until `check` holds; tests use it for what happens asynchronously, never to time anything. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The engine's own consistency check of the whole database: 'ok', or what it found. SQLite:
 * `PRAGMA integrity_check`; PostgreSQL: amcheck's `bt_index_check` on every index of the
 * appliance's tables (heap and index agree), run as the cluster's superuser.
 */
export async function databaseIntegrity(db: Db): Promise<string> {
  if (!isPostgres(db)) {
    const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
    return rows.map((r) => r.integrity_check).join('; ');
  }
  await sql`CREATE EXTENSION IF NOT EXISTS amcheck`.execute(db);
  await sql`SELECT bt_index_check(i.indexrelid, true)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = 'public' AND a.amname = 'btree'`.execute(db);
  return 'ok';
}

/**
 * Everything the database holds for this appliance, as bytes: the SQLite files (WAL included), or
 * every row of every table on PostgreSQL. For tests that a secret is never stored in clear.
 */
export async function storedBytes(app: {
  config: Pick<ApplianceConfig, 'dataDir' | 'databaseUrl'>;
  ctx: { db: Db };
}): Promise<Buffer> {
  if (!isPostgres(app.ctx.db)) {
    const files = fs.readdirSync(app.config.dataDir).filter((f) => f.startsWith(SQLITE_FILE));
    return Buffer.concat(files.map((f) => fs.readFileSync(path.join(app.config.dataDir, f))));
  }
  const tables = await app.ctx.db.introspection.getTables();
  const parts: string[] = [];
  for (const t of tables) {
    const { rows } = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(t.name)} t`.execute(app.ctx.db);
    parts.push(...rows.map((r) => r.row));
  }
  return Buffer.from(parts.join('\n'));
}

/** The environment for an `npm run appliance -- <command>` process working on this appliance's data. */
export function cliEnv(app: { config: Pick<ApplianceConfig, 'dataDir' | 'databaseUrl'> }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, APPLIANCE_DATA_DIR: app.config.dataDir };
  if (app.config.databaseUrl) env.APPLIANCE_DATABASE_URL = app.config.databaseUrl;
  else delete env.APPLIANCE_DATABASE_URL;
  return env;
}
