/**
 * Knowing cheaply that the data may have changed, for the in-process read caches (the session
 * lookup, the security settings, the update feed's channel files). Two sources move it:
 *   - this process's own writes: every statement that is not a SELECT, once it has run, and every
 *     commit (counted by `countingDialect`, which wraps the engine's driver, so no query can
 *     forget to say it wrote);
 *   - commits by anyone else (another worker, node or the CLI): the engine notices them
 *     (`changedElsewhere`): SQLite by polling `PRAGMA data_version`, PostgreSQL through
 *     LISTEN/NOTIFY (./postgres-change-channel.ts).
 * A cache keeps the version it was filled under and is void once `version` moved. It must read
 * `version` BEFORE it queries: a fill that raced a write then lands in an already void cache.
 */
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

export class DataChanges {
  private local = 0;
  private elsewhere = 0;
  private readonly listeners = new Set<() => void>();

  /** `afterLocalWrite` tells other processes (PostgreSQL: NOTIFY, see ./postgres-change-channel.ts). */
  constructor(private readonly afterLocalWrite: () => void = () => {}) {}

  /** Moves after every write of this process and every change noticed from elsewhere. */
  get version(): number {
    return this.local + this.elsewhere;
  }

  /** Moves only for changes made elsewhere (caches that this process refreshes itself on its writes). */
  get elsewhereVersion(): number {
    return this.elsewhere;
  }

  wrote(): void {
    this.local++;
    this.afterLocalWrite();
  }

  /** Someone else committed (or may have). Listeners run at once; a failing one does not stop the rest. */
  changedElsewhere(): void {
    this.elsewhere++;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // A cache that cannot drop itself is the cache's bug; the signal still reaches the others.
      }
    }
  }

  onChangedElsewhere(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const READS = new Set(['SelectQueryNode']);

class CountingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly changes: DataChanges,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      // Counted after the statement ran (also when it failed half-way: a conservative extra bump).
      if (!READS.has(query.query.kind)) this.changes.wrote();
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class CountingDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, CountingConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly changes: DataChanges,
    private readonly beginSql: string | null,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const conn = await this.inner.acquireConnection();
    let counting = this.wrapped.get(conn);
    if (!counting) this.wrapped.set(conn, (counting = new CountingConnection(conn, this.changes)));
    return counting;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const inner = (conn as CountingConnection).inner;
    if (this.beginSql) await inner.executeQuery(CompiledQuery.raw(this.beginSql));
    else await this.inner.beginTransaction(inner, settings);
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    try {
      await this.inner.commitTransaction((conn as CountingConnection).inner);
    } finally {
      // What the transaction wrote became visible to other connections only now.
      this.changes.wrote();
    }
  }

  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction((conn as CountingConnection).inner);
  }

  savepoint: Driver['savepoint'] = (conn, name, compile) =>
    this.inner.savepoint!((conn as CountingConnection).inner, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (conn, name, compile) =>
    this.inner.rollbackToSavepoint!((conn as CountingConnection).inner, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (conn, name, compile) =>
    this.inner.releaseSavepoint!((conn as CountingConnection).inner, name, compile);

  releaseConnection(conn: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((conn as CountingConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/**
 * The engine's dialect with every write counted into `changes`. `beginSql` replaces the driver's
 * BEGIN (SQLite: `BEGIN IMMEDIATE`, so a transaction holds the write lock from its first statement
 * and two processes never both read and then fail to write).
 */
export function countingDialect(inner: Dialect, changes: DataChanges, beginSql: string | null = null): Dialect {
  return {
    createDriver: () => new CountingDriver(inner.createDriver(), changes, beginSql),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
