/**
 * Update tokens: one live token per console install, issued to a logged-in console session, stored
 * as SHA-256 only (the token is 32 random bytes, so a fast hash is enough: nothing to brute-force).
 * Issuing for an install that already has a live token rotates it: the old one is revoked in the
 * same transaction. A console only asks when it has no token (first login, lost secret store, or
 * after the feed refused its token), so refusing would leave it unable to update for good.
 */
import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { type Db } from '../db/database.js';
import { type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import './tables.js';

export function hashUpdateToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Issues the install's token, revoking its live one; with `rotate: false`, null instead when the
 * install has a live token (checked in the same transaction).
 */
export function issueUpdateToken(db: Db, installId: string, userId: number, now: Date): Promise<string>;
export function issueUpdateToken(
  db: Db,
  installId: string,
  userId: number,
  now: Date,
  opts: { rotate: boolean },
): Promise<string | null>;
export async function issueUpdateToken(
  db: Db,
  installId: string,
  userId: number,
  now: Date,
  opts: { rotate: boolean } = { rotate: true },
): Promise<string | null> {
  const token = `ut_${crypto.randomBytes(32).toString('base64url')}`;
  const at = now.toISOString();
  return db
    .transaction()
    .execute(async (trx) => {
      const revoked = await trx
        .updateTable('update_tokens')
        .set({ revoked_at: at })
        .where('install_id', '=', installId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      // Thrown, so the revocation is rolled back.
      if (!opts.rotate && Number(revoked.numUpdatedRows) > 0) throw new LiveTokenExists();
      await trx
        .insertInto('update_tokens')
        .values({
          id: crypto.randomUUID(),
          token_hash: hashUpdateToken(token),
          install_id: installId,
          user_id: userId,
          created_at: at,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
      return token;
    })
    .catch((err: unknown) => {
      if (err instanceof LiveTokenExists) return null;
      throw err;
    });
}

class LiveTokenExists extends Error {}

/** Revokes every live token of the user's installs; returns the installs whose token died. */
export async function revokeUserUpdateTokens(db: Db, userId: number, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('update_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('install_id')
    .execute();
  return rows.map((r) => r.install_id);
}

/**
 * Checks a bearer token against the live tokens. `last_used_at` is written at most once a minute
 * per token so a burst of feed requests does not turn into a burst of writes.
 */
export class UpdateTokenVerifier {
  private readonly lastTouched = new Map<string, number>();
  // The feed's hot path: one prepared statement on the synchronous handle (no query building).
  private readonly lookup: SQLite.Statement<[string], { id: string; install_id: string }>;
  private readonly touch: SQLite.Statement<[string, string]>;

  constructor(sqlite: SQLite.Database) {
    this.lookup = sqlite.prepare(
      'SELECT id, install_id FROM update_tokens WHERE token_hash = ? AND revoked_at IS NULL',
    );
    this.touch = sqlite.prepare('UPDATE update_tokens SET last_used_at = ? WHERE id = ?');
  }

  verify(token: string | null, now: Date): { id: string; installId: string } | null {
    if (!token || token.length > 200) return null;
    const row = this.lookup.get(hashUpdateToken(token));
    if (!row) return null;
    const ms = now.getTime();
    if ((this.lastTouched.get(row.id) ?? 0) + 60_000 <= ms) {
      this.lastTouched.set(row.id, ms);
      this.touch.run(now.toISOString(), row.id);
    }
    return { id: row.id, installId: row.install_id };
  }
}

export async function listUpdateTokens(db: Db): Promise<UpdateTokenInfo[]> {
  const rows = await db
    .selectFrom('update_tokens')
    .leftJoin('users', 'users.id', 'update_tokens.user_id')
    .select([
      'update_tokens.id',
      'update_tokens.install_id',
      'users.username',
      'update_tokens.created_at',
      'update_tokens.last_used_at',
      'update_tokens.revoked_at',
    ])
    .orderBy('update_tokens.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, username: r.username ?? null }));
}

/** Revokes a token; false when there is no such token. Revoking a revoked token is a no-op. */
export async function revokeUpdateToken(db: Db, id: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('update_tokens').select(['id', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  if (!row) return false;
  if (!row.revoked_at)
    await db.updateTable('update_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
  return true;
}
