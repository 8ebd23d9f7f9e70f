/**
 * The admin's user table: search, sort and keyset pages over `users` (the users feature's table,
 * read here for Management > Users only), and how many enabled administrators there are. Keyset, not OFFSET: page 100 costs what page 1 costs,
 * and a user created meanwhile neither repeats nor hides a row.
 */
import { type Expression, sql, type SqlBool } from 'kysely';
import { type AdminUserSort } from '../../src-shared/api/admin.js';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { isPostgres } from '../db/transaction.js';
import { type UserRow } from './tables.js';

const SORT_COLUMN = { username: 'username', name: 'private_display_name', created: 'created_at' } as const;
type SortColumn = (typeof SORT_COLUMN)[keyof typeof SORT_COLUMN];
const SEARCHED = ['username', 'private_display_name', 'public_display_name', 'email_address'] as const;

/** Where the previous page ended: its last row's sort value and id. */
export interface UserKey {
  value: string;
  id: number;
}

export function encodeUserKey(key: UserKey): string {
  return Buffer.from(JSON.stringify([key.value, key.id])).toString('base64url');
}

/** Null for a cursor this appliance did not make. */
export function decodeUserKey(cursor: string): UserKey | null {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && Number.isSafeInteger(v[1]) && v[1] > 0)
      return { value: v[0], id: v[1] as number };
  } catch {
    // not JSON: refused below like any other foreign cursor
  }
  return null;
}

export const sortValue = (user: UserRow, sort: AdminUserSort): string =>
  user[SORT_COLUMN[sort.replace(/^-/, '') as keyof typeof SORT_COLUMN]];

/** `%`, `_` and `\` in the search text are literal characters, not patterns. */
const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const userSearchRepository = defineRepository((db: Db) => {
  // PostgreSQL's case-insensitive collation (usernames) cannot LIKE; compare the lowercased bytes.
  const lowered = (column: (typeof SEARCHED)[number]) =>
    isPostgres(db) ? sql<string>`lower(${sql.ref(column)} COLLATE "C")` : sql<string>`lower(${sql.ref(column)})`;
  return {
    /** The enabled administrators: the site keeps at least one (the admin API refuses to lose the last). */
    async enabledAdmins(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_admin', '=', 1)
        .where('enabled', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async page(opts: { q?: string; sort: AdminUserSort; after: UserKey | null; limit: number }): Promise<UserRow[]> {
      const desc = opts.sort.startsWith('-');
      const column: SortColumn = SORT_COLUMN[opts.sort.replace(/^-/, '') as keyof typeof SORT_COLUMN];
      let query = db.selectFrom('users').selectAll();
      const q = opts.q?.trim();
      if (q) {
        const pattern = likePattern(q);
        query = query.where((eb) =>
          eb.or(SEARCHED.map((c) => sql<SqlBool>`${lowered(c)} LIKE ${pattern} ESCAPE '\\'`) as Expression<SqlBool>[]),
        );
      }
      const after = opts.after;
      if (after) {
        const op = desc ? '<' : '>';
        query = query.where((eb) =>
          eb.or([eb(column, op, after.value), eb.and([eb(column, '=', after.value), eb('id', op, after.id)])]),
        );
      }
      return query
        .orderBy(column, desc ? 'desc' : 'asc')
        .orderBy('id', desc ? 'desc' : 'asc')
        .limit(opts.limit)
        .execute();
    },
  };
});
