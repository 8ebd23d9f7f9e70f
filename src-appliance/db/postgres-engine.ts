/**
 * PostgreSQL (APPLIANCE_DATABASE_URL=postgres://user:password@host:port/db) through `pg` and
 * Kysely's PostgresDialect. Transactions run SERIALIZABLE (see ./transaction.ts), like SQLite's
 * single writer. Migrations run under a session advisory lock, so nodes that start together
 * migrate once: the others wait on the lock, then find nothing left to do. Commits by other nodes
 * arrive through LISTEN/NOTIFY (./postgres-change-channel.ts).
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { type DatabaseSchema } from './schema.js';
import { countingDialect, DataChanges } from './data-changes.js';
import { type Engine } from './engine.js';
import { openChangeChannel, type ChangeChannel } from './postgres-change-channel.js';

/** pg_advisory_lock key of the appliance's migrations (any constant that no other lock uses). */
const MIGRATION_LOCK_KEY = 7_310_526_004_000_001n;
const INT8_OID = 20;

/** COUNT(*) and BIGINT columns arrive as numbers (they stay far below 2^53 here), as SQLite gives them. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

export async function openPostgres(url: string): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10, application_name: 'support-appliance' });
  // An idle client that the server drops must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw new Error(`cannot reach the database ${redactDatabaseUrl(url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let channel: ChangeChannel | null = null;
  const changes = new DataChanges(() => channel?.wrote());
  const db = new Kysely<DatabaseSchema>({ dialect: countingDialect(new PostgresDialect({ pool }), changes) });
  try {
    channel = await openChangeChannel(
      pool,
      { connectionString: url, application_name: 'support-appliance-listen' },
      changes,
    );
  } catch (err) {
    await db.destroy();
    throw new Error(`cannot listen on the database ${redactDatabaseUrl(url)}: ${(err as Error).message}`, {
      cause: err,
    });
  }

  return {
    kind: 'postgres',
    db,
    changes,
    async withMigrationLock(work) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
        try {
          return await work(db);
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await channel?.close();
      await db.destroy();
    },
  };
}
