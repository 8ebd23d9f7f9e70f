/**
 * Prepared-statement reuse. Preparing SQL costs far more (tens of µs) than running a small indexed
 * query, and both Kysely's SQLite driver and hand-written `ctx.sqlite.prepare(sql).get()` prepare
 * on every call. The database view returned here caches statements by SQL text:
 *   - a statement busy iterating is not shared (a fresh one is prepared);
 *   - calling a mode switch (`pluck`, `raw`, `expand`, `safeIntegers`, `bind`) on a cached
 *     statement switches a fresh private copy instead, so one caller's mode never leaks into the
 *     next caller's results.
 */
import type SQLite from 'better-sqlite3';

const MAX_CACHED = 1000;
const MODE_SWITCHES = new Set<PropertyKey>(['pluck', 'raw', 'expand', 'safeIntegers', 'bind', 'columns']);

function bindAll<T extends object>(target: T, intercept: (prop: PropertyKey) => unknown): T {
  return new Proxy(target, {
    get(t, prop) {
      const hit = intercept(prop);
      if (hit !== undefined) return hit;
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const cached = cache.get(sql);
    if (cached && !cached.busy) return shared(sql, cached);
    const stmt = sqlite.prepare(sql);
    if (cached) return stmt;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(sql, stmt);
    return shared(sql, stmt);
  };
  const shared = (sql: string, stmt: SQLite.Statement): SQLite.Statement =>
    bindAll(stmt, (prop) =>
      MODE_SWITCHES.has(prop)
        ? (...args: unknown[]) => (sqlite.prepare(sql) as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!(...args)
        : undefined,
    );
  return bindAll(sqlite, (prop) => (prop === 'prepare' ? prepare : undefined));
}

const perDatabase = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/**
 * A cached prepared statement for raw SQL on the hot paths of the core (session lookup, lockout
 * counter), without the proxy. Only `get`/`run`/`all` on it, never a mode switch.
 */
export function prepared(sqlite: SQLite.Database, sql: string): SQLite.Statement {
  let cache = perDatabase.get(sqlite);
  if (!cache) perDatabase.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
