/**
 * The one way to run several statements as a unit. Both engines give serializable transactions:
 * SQLite by taking the write lock at BEGIN (one writer at a time), PostgreSQL by SERIALIZABLE
 * isolation, where a transaction that raced another is aborted and run again here. So `work` must
 * only talk to the database through `trx` (never through the outer handle: on SQLite that waits
 * for the transaction itself) and have no other side effects.
 */
import { PostgresAdapter } from 'kysely';
import { type Db } from './engine.js';

const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 8;

export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  if (!isPostgres(db)) return db.transaction().execute(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
  }
}
