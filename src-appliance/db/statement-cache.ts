/**
 * Prepared-statement reuse. Preparing SQL costs far more (tens of µs) than running a small indexed
 * query, and both Kysely's SQLite driver and hand-written `ctx.sqlite.prepare(sql).get()` prepare
 * on every call. The database view returned here caches statements by SQL text:
 *   - a statement busy iterating is not shared (a fresh one is prepared);
 *   - calling a mode switch (`pluck`, `raw`, `expand`, `safeIntegers`, `bind`) on a cached
 *     statement switches a fresh private copy instead, so one caller's mode never leaks into the
 *     next caller's results.
 * It also counts writes (`writeGeneration`): every statement that may change data, run through
 * this view, bumps the count, so a read cache can tell in O(1) that nothing changed since.
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

const EXECUTE = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);
const generations = new WeakMap<object, { n: number }>();

/** Writes made through this database view so far (see `withStatementCache`). */
export function writeGeneration(db: SQLite.Database): number {
  return generations.get(db)?.n ?? 0;
}

export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, { stmt: SQLite.Statement; view: SQLite.Statement }>();
  const generation = { n: 0 };
  const counted = (stmt: SQLite.Statement) => (prop: PropertyKey) => {
    const fn = (stmt as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!;
    return (...args: unknown[]) => {
      try {
        return fn.apply(stmt, args);
      } finally {
        generation.n++;
      }
    };
  };
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
  /** A statement only this caller holds: mode switches apply to it directly; writes are counted. */
  const own = (stmt: SQLite.Statement): SQLite.Statement => {
    const count = stmt.readonly ? null : counted(stmt);
    const self: SQLite.Statement = bindAll(stmt, (prop) => {
      if (MODE_SWITCHES.has(prop) && prop !== 'columns') {
        return (...args: unknown[]) => {
          (stmt as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!(...args);
          return self;
        };
      }
      return count && EXECUTE.has(prop) ? count(prop) : undefined;
    });
    return self;
  };
  /** A cached statement: a mode switch moves the caller to a private copy. */
  const shared = (sql: string, stmt: SQLite.Statement): SQLite.Statement => {
    const count = stmt.readonly ? null : counted(stmt);
    return bindAll(stmt, (prop) => {
      if (MODE_SWITCHES.has(prop)) {
        return (...args: unknown[]) =>
          (own(sqlite.prepare(sql)) as unknown as Record<PropertyKey, (...a: unknown[]) => unknown>)[prop as string]!(
            ...args,
          );
      }
      return count && EXECUTE.has(prop) ? count(prop) : undefined;
    });
  };
  const view = bindAll(sqlite, (prop) => {
    if (prop === 'prepare') return prepare;
    if (prop === 'exec') {
      return (sql: string) => {
        try {
          return sqlite.exec(sql);
        } finally {
          generation.n++;
        }
      };
    }
    return undefined;
  });
  generations.set(view, generation);
  return view;
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
