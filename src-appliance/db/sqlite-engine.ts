/**
 * The embedded engine: SQLite through better-sqlite3 in WAL mode, so several processes (workers,
 * the CLI) may share the file. Transactions begin IMMEDIATE (they take the write lock first and
 * wait for it up to the busy timeout), which makes every transaction serializable, as the
 * PostgreSQL engine's are. Migrations run inside one such transaction: a second process that
 * starts at the same moment waits, then finds them applied.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { type DatabaseSchema } from './schema.js';
import { countingDialect, DataChanges } from './data-changes.js';
import { withStatementCache } from './statement-cache.js';
import { EXTERNAL_CHANGE_POLL_MS, type Engine } from './engine.js';
import { siblingNudge } from './worker-nudge.js';

export const SQLITE_FILE = 'appliance.sqlite';
/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** Migrations of a first start may take longer than a request; a second process waits for them. */
const MIGRATION_BUSY_TIMEOUT_MS = 120_000;

/**
 * Two processes that open a NEW file at the same moment both try to switch it from the rollback
 * journal to WAL. Each holds a shared lock and wants the exclusive one, so SQLite answers one of
 * them SQLITE_BUSY at once instead of calling the busy handler (that wait could deadlock). The
 * loser retries: by then the winner has switched the file, and the pragma is a no-op.
 */
function enterWalMode(raw: SQLite.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      raw.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

export function openSqlite(dataDir: string): Engine {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const raw = new SQLite(path.join(dataDir, SQLITE_FILE));
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  enterWalMode(raw);
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  const sqlite = withStatementCache(raw);
  // data_version moves when ANOTHER connection commits to the file; this connection's own
  // writes do not move it (they are counted by the dialect).
  let seen = raw.pragma('data_version', { simple: true }) as number;
  const lookElsewhere = () => {
    if (!raw.open) return;
    const now = raw.pragma('data_version', { simple: true }) as number;
    if (now === seen) return;
    seen = now;
    changes.changedElsewhere();
  };
  // Sibling workers are told at once (./worker-nudge.ts); everyone else is seen at the next poll.
  const siblings = siblingNudge(lookElsewhere);
  const changes = new DataChanges(() => siblings.wrote());
  const db = new Kysely<DatabaseSchema>({
    dialect: countingDialect(new SqliteDialect({ database: sqlite }), changes, 'begin immediate'),
  });
  const poll = setInterval(lookElsewhere, EXTERNAL_CHANGE_POLL_MS);
  poll.unref();

  return {
    kind: 'sqlite',
    db,
    changes,
    async withMigrationLock(work) {
      // The driver holds the one connection: a raw BEGIN on it wraps everything the migrator runs.
      raw.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
      raw.exec('BEGIN IMMEDIATE');
      raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      try {
        const result = await work(db);
        raw.exec('COMMIT');
        return result;
      } catch (err) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw err;
      }
    },
    async close() {
      clearInterval(poll);
      siblings.stop();
      await db.destroy();
    },
  };
}
