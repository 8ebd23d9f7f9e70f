/**
 * Which engine the appliance tests run on: the `appliance` project uses SQLite files, the
 * `appliance-pg` project (APPLIANCE_TEST_ENGINE=postgres) the throwaway cluster of
 * ./postgres-global-setup.ts. On PostgreSQL every data directory gets its own database, created on
 * first use, so an appliance restarted on the same directory (in-process or as a child process)
 * finds its data again, and test files never see each other's rows.
 */
import crypto from 'node:crypto';
import pg from 'pg';

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
