/**
 * Repositories: every table belongs to one feature and is read and written only through that
 * feature's repository (`users/user-repository.ts`, ...). A repository is a set of async methods
 * over one executor, the database or a transaction (see ./transaction.ts), made once per executor:
 *   userRepository(ctx.db).findById(id)
 *   inTransaction(ctx.db, async (trx) => { await userRepository(trx).…; await linkRepository(trx).… })
 * Queries are Kysely; raw SQL only where a benchmark showed the need, with the figure beside it.
 */
import { type Db } from './engine.js';

export function defineRepository<R extends object>(make: (db: Db) => R): (db: Db) => R {
  const made = new WeakMap<Db, R>();
  return (db) => {
    let repo = made.get(db);
    if (!repo) made.set(db, (repo = make(db)));
    return repo;
  };
}

/** A unique or primary-key constraint refused the row (SQLite and PostgreSQL report it differently). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * PostgreSQL refused a text value it cannot store: U+0000 (NUL) in a string, which SQLite keeps.
 * It is the client's input (`400 invalid_text`), never a server fault.
 */
export function isUnstorableText(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '22021' || code === '22P05'; // character_not_in_repertoire, untranslatable_character
}

/** Lists of keys go in pieces: engines cap the parameters of one statement (SQLite at 32,766). */
const KEY_CHUNK = 500;

export async function inChunks<K, T>(keys: K[], read: (chunk: K[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += KEY_CHUNK) out.push(...(await read(keys.slice(i, i + KEY_CHUNK))));
  return out;
}
