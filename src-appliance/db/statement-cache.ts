/**
 * Prepared-statement reuse for the SQLite engine. Preparing SQL costs far more (tens of µs) than
 * running a small indexed query, and Kysely's SQLite driver prepares on every call. The database
 * view returned here caches statements by SQL text:
 *   - a statement busy iterating is not shared (a fresh one is prepared);
 *   - calling a mode switch (`pluck`, `raw`, `expand`, `safeIntegers`, `bind`) on a cached
 *     statement switches a fresh private copy instead, so one caller's mode never leaks into the
 *     next caller's results.
 */
import type SQLite from 'better-sqlite3';

const MAX_CACHED = 1000;
const MODE_SWITCHES = new Set<PropertyKey>(['pluck', 'raw', 'expand', 'safeIntegers', 'bind', 'columns']);

/** A proxy whose methods run on `target` (native methods check `this`); methods are made once per proxy. */
function bindAll<T extends object>(target: T, intercept: (prop: PropertyKey) => unknown): T {
  const methods = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(t, prop) {
      const known = methods.get(prop);
      if (known !== undefined) return known;
      const hit = intercept(prop);
      if (hit !== undefined) {
        methods.set(prop, hit);
        return hit;
      }
      const value = Reflect.get(t, prop, t) as unknown;
      if (typeof value !== 'function') return value; // getters such as `busy` stay live
      const bound = (value as (...a: unknown[]) => unknown).bind(t);
      methods.set(prop, bound);
      return bound;
    },
  });
}

export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, { stmt: SQLite.Statement; view: SQLite.Statement }>();
  const prepare = (sql: string): SQLite.Statement => {
    const cached = cache.get(sql);
    if (cached && !cached.stmt.busy) return cached.view;
    const stmt = sqlite.prepare(sql);
    if (cached) return own(stmt); // the cached one is busy iterating: a private one
    if (cache.size >= MAX_CACHED) cache.clear();
    const view = shared(sql, stmt);
    cache.set(sql, { stmt, view });
    return view;
  };
  /** A statement only this caller holds: mode switches apply to it directly. */
  const own = (stmt: SQLite.Statement): SQLite.Statement => {
    const self: SQLite.Statement = bindAll(stmt, (prop) => {
      if (!MODE_SWITCHES.has(prop) || prop === 'columns') return undefined;
      return (...args: unknown[]) => {
        (stmt as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!(...args);
        return self;
      };
    });
    return self;
  };
  /** A cached statement: a mode switch moves the caller to a private copy. */
  const shared = (sql: string, stmt: SQLite.Statement): SQLite.Statement =>
    bindAll(stmt, (prop) => {
      if (!MODE_SWITCHES.has(prop)) return undefined;
      return (...args: unknown[]) =>
        (own(sqlite.prepare(sql)) as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!(
          ...args,
        );
    });
  return bindAll(sqlite, (prop) => (prop === 'prepare' ? prepare : undefined));
}
