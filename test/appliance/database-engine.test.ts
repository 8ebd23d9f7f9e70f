/**
 * The database engine under the appliance (SQLite file, or PostgreSQL in the appliance-pg
 * project): migrations once, also when two processes start together; the transaction helper is
 * serializable; constraints, case-insensitive usernames and integer types behave the same; and
 * the change signal the read caches use sees this process's writes and others' commits.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase } from '../../src-appliance/db/database.js';
import { migrations } from '../../src-appliance/db/migrations/index.js';
import { inTransaction } from '../../src-appliance/db/transaction.js';
import { isUniqueViolation } from '../../src-appliance/db/repository.js';
import '../../src-appliance/users/tables.js';
import '../../src-appliance/downloads/tables.js';
import { tempDir } from '../support/appliance.js';
import { databaseUrlFor, openTestDatabase, TEST_ENGINE, waitUntil } from '../support/test-database.js';
import { newUser } from '../../src-appliance/users/new-user.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MIGRATION_COUNT = Object.keys(migrations).length;

const user = (username: string, now = new Date().toISOString()) => newUser({ username, password_hash: 'x' }, now);

let dataDir: string;
let database: OpenedDatabase;
beforeAll(async () => {
  dataDir = tempDir('engine-');
  database = await openTestDatabase(dataDir);
});
afterAll(() => database.close());

describe(`database engine (${TEST_ENGINE})`, () => {
  it('a new database gets every migration, recorded once; opening it again applies none', async () => {
    expect(database.kind).toBe(TEST_ENGINE);
    expect(database.migrationsApplied).toBe(MIGRATION_COUNT);
    const again = await openTestDatabase(dataDir);
    try {
      expect(again.migrationsApplied).toBe(0);
    } finally {
      await again.close();
    }
    const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
  });

  it('two processes opening one new database at the same moment migrate it once, and one of them creates the first user', async () => {
    const dir = tempDir('engine-race-');
    const env = {
      ...process.env,
      APPLIANCE_DATA_DIR: dir,
      APPLIANCE_DATABASE_URL: (await databaseUrlFor(dir)) ?? '',
    };
    const children = [0, 1].map(() => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'test/support/open-database-process.ts')],
        {
          cwd: root,
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      return { child, output: () => out, exited };
    });
    // Two tsx processes compiling the appliance on a busy 2-core machine take a while to start.
    await waitUntil(() => children.every((c) => c.output().includes('ready')), 'both processes ready', 90_000);
    for (const c of children) c.child.stdin.write('go\n');
    const codes = await Promise.all(children.map((c) => c.exited));
    expect(codes, children.map((c) => c.output()).join('\n')).toEqual([0, 0]);
    const applied = children.map((c) => Number(/migrations applied: (\d+)/.exec(c.output())![1]));
    expect(applied.sort((a, b) => a - b)).toEqual([0, MIGRATION_COUNT]);
    const created = children.map((c) => /first user created: (yes|no)/.exec(c.output())![1]);
    expect(created.sort()).toEqual(['no', 'yes']);
    const check = await openTestDatabase(dir);
    try {
      expect(check.migrationsApplied).toBe(0);
      const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM kysely_migration`.execute(check.db);
      expect(Number(rows[0]!.n)).toBe(MIGRATION_COUNT);
      expect(await check.db.selectFrom('users').select('username').execute()).toHaveLength(1);
    } finally {
      await check.close();
    }
  }, 180_000);

  it('transactions are serializable: 20 concurrent read-then-write increments all count', async () => {
    const id = (await database.db.insertInto('users').values(user('counter')).returning('id').executeTakeFirstOrThrow())
      .id;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        inTransaction(database.db, async (trx) => {
          const row = await trx
            .selectFrom('users')
            .select('failed_login_count')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('users')
            .set({ failed_login_count: row.failed_login_count + 1 })
            .where('id', '=', id)
            .execute();
        }),
      ),
    );
    const row = await database.db
      .selectFrom('users')
      .select('failed_login_count')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.failed_login_count).toBe(20);
  });

  it('a transaction that throws leaves nothing behind', async () => {
    await expect(
      inTransaction(database.db, async (trx) => {
        await trx.insertInto('users').values(user('rolled-back')).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await database.db.selectFrom('users').select('id').where('username', '=', 'rolled-back').execute()).toEqual(
      [],
    );
  });

  it('usernames are unique and found case-insensitively; the violation is recognised on this engine', async () => {
    await database.db.insertInto('users').values(user('Alice')).execute();
    const dup = await database.db
      .insertInto('users')
      .values(user('ALICE'))
      .execute()
      .catch((err: unknown) => err);
    expect(isUniqueViolation(dup)).toBe(true);
    const found = await database.db.selectFrom('users').select('username').where('username', '=', 'aLiCe').execute();
    expect(found).toEqual([{ username: 'Alice' }]);
    await database.db
      .insertInto('users')
      .values([user('bob'), user('Carol')])
      .execute();
    const ordered = await database.db
      .selectFrom('users')
      .select('username')
      .where('username', 'in', ['Alice', 'bob', 'Carol'])
      .orderBy('username')
      .execute();
    expect(ordered.map((r) => r.username)).toEqual(['Alice', 'bob', 'Carol']);
  });

  it('counts and 64-bit sizes come back as numbers', async () => {
    const size = 5 * 1024 ** 3; // a 5 GiB file: more than 32 bits
    await database.db
      .insertInto('downloads')
      .values({
        id: 'big',
        file_name: 'big.msi',
        stored_path: 'x',
        size,
        sha256: 'ab',
        added_at: new Date().toISOString(),
      })
      .execute();
    const row = await database.db
      .selectFrom('downloads')
      .select('size')
      .where('id', '=', 'big')
      .executeTakeFirstOrThrow();
    expect(row.size).toBe(size);
    const count = await database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });

  it("the change signal moves after this process's writes, and when another connection commits", async () => {
    const before = database.changes.version;
    await database.db.selectFrom('users').select('id').execute();
    expect(database.changes.version).toBe(before);
    await database.db
      .updateTable('users')
      .set({ updated_at: new Date().toISOString() })
      .where('username', '=', 'bob')
      .execute();
    expect(database.changes.version).toBeGreaterThan(before);

    const elsewhere = database.changes.elsewhereVersion;
    let told = 0;
    const stop = database.changes.onChangedElsewhere(() => told++);
    const other = await openTestDatabase(dataDir);
    try {
      await other.db.updateTable('users').set({ enabled: 0 }).where('username', '=', 'Carol').execute();
      await waitUntil(() => database.changes.elsewhereVersion > elsewhere, 'the other connection’s commit noticed');
      expect(told).toBeGreaterThan(0);
    } finally {
      stop();
      await other.close();
    }
  });

  it("a process's own writes are never reported to it as changes made elsewhere", async () => {
    const elsewhere = database.changes.elsewhereVersion;
    for (let i = 0; i < 5; i++) {
      await database.db
        .updateTable('users')
        .set({ updated_at: new Date().toISOString() })
        .where('id', '>', 0)
        .execute();
    }
    // Longer than SQLite's poll and PostgreSQL's notification round trip.
    await new Promise((r) => setTimeout(r, 1000));
    expect(database.changes.elsewhereVersion).toBe(elsewhere);
  });

  if (TEST_ENGINE === 'postgres') {
    it('PostgreSQL: a dropped LISTEN connection comes back, reports one change, and later commits are noticed again', async () => {
      const other = await openTestDatabase(dataDir);
      try {
        const before = database.changes.elsewhereVersion;
        const { rows } = await sql<{ n: number }>`
          SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE application_name = 'support-appliance-listen' AND datname = current_database()`.execute(database.db);
        expect(Number(rows[0]!.n)).toBe(2); // this process's listener and the other's
        await waitUntil(() => database.changes.elsewhereVersion > before, 'the reconnect reported a change');
        // Both listeners are back (each reconnects on its own, about a second later).
        const listeners = async () =>
          Number(
            (
              await sql<{ n: number }>`
                SELECT COUNT(*) AS n FROM pg_stat_activity
                WHERE application_name = 'support-appliance-listen' AND datname = current_database()`.execute(
                database.db,
              )
            ).rows[0]!.n,
          );
        await expect.poll(listeners, { timeout: 10_000 }).toBe(2);
        const after = database.changes.elsewhereVersion;
        await other.db.updateTable('users').set({ enabled: 1 }).where('username', '=', 'Carol').execute();
        await waitUntil(() => database.changes.elsewhereVersion > after, 'a commit after the reconnect noticed');
      } finally {
        await other.close();
      }
    });
  }
});
