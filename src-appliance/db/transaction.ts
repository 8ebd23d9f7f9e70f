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
/**
 * Of N transactions racing for one row, each round lets one through: 20 at once (the engine test)
 * and 40 credential attempts on one account (the lockout tests) need more than the 8 attempts with
 * a few ms between them that this once allowed. The pause grows with each attempt (full jitter, at
 * most 200 ms), so the racers spread out.
 */
const MAX_ATTEMPTS = 40;
const backoffMs = (attempt: number) => Math.random() * Math.min(200, 2 ** attempt);

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
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}
