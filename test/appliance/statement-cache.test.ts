/** The SQLite engine's prepared-statement cache behind Kysely: statements shared without leaking modes. */
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src-appliance/db/statement-cache.js';
import { tempDir } from '../support/appliance.js';

let raw: SQLite.Database;
let db: SQLite.Database;
beforeAll(() => {
  raw = new SQLite(path.join(tempDir('stmt-cache-'), 'x.sqlite'));
  db = withStatementCache(raw);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
  db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
});
afterAll(() => raw.close());

describe('statement cache', () => {
  it('a mode switch by one caller does not change what the next caller gets', () => {
    expect(db.prepare('SELECT v FROM t WHERE id = ?').pluck().get(1)).toBe('a');
    expect(db.prepare('SELECT v FROM t WHERE id = ?').get(1)).toEqual({ v: 'a' });
    expect(db.prepare('SELECT v FROM t WHERE id = ?').raw().get(2)).toEqual(['b']);
    expect(db.prepare('SELECT v FROM t WHERE id = ?').get(2)).toEqual({ v: 'b' });
  });

  it('a statement busy iterating is not handed out again', () => {
    const seen: unknown[] = [];
    for (const row of db.prepare('SELECT id FROM t ORDER BY id').iterate()) {
      seen.push(row, db.prepare('SELECT id FROM t ORDER BY id').all());
    }
    expect(seen).toHaveLength(4);
  });
});
