/**
 * Update tokens: one live token per console install, issued to a logged-in console session, stored
 * as SHA-256 only (the token is 32 random bytes, so a fast hash is enough: nothing to brute-force).
 * Issuing for an install that already has a live token rotates it: the old one is revoked in the
 * same transaction. A console only asks when it has no token (first login, lost secret store, or
 * after the feed refused its token), so refusing would leave it unable to update for good.
 */
import crypto from 'node:crypto';
import { type Db } from '../db/database.js';
import { type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import { userRepository } from '../users/user-repository.js';
import { tokenRepository } from './token-repository.js';

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
  const issued = await tokenRepository(db).issue(
    {
      id: crypto.randomUUID(),
      token_hash: hashUpdateToken(token),
      install_id: installId,
      user_id: userId,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    },
    opts,
  );
  return issued ? token : null;
}

/** Revokes every live token of the user's installs; returns the installs whose token died. */
export function revokeUserUpdateTokens(db: Db, userId: number, now: Date): Promise<string[]> {
  return tokenRepository(db).revokeAllOfUser(userId, now.toISOString());
}

/**
 * Checks a bearer token against the live tokens. `last_used_at` is written at most once a minute
 * per token so a burst of feed requests does not turn into a burst of writes.
 */
export class UpdateTokenVerifier {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly db: Db) {}

  async verify(token: string | null, now: Date): Promise<{ id: string; installId: string } | null> {
    if (!token || token.length > 200) return null;
    const tokens = tokenRepository(this.db);
    const row = await tokens.findLive(hashUpdateToken(token));
    if (!row) return null;
    const ms = now.getTime();
    if ((this.lastTouched.get(row.id) ?? 0) + 60_000 <= ms) {
      this.lastTouched.set(row.id, ms);
      await tokens.touch(row.id, now.toISOString());
    }
    return { id: row.id, installId: row.install_id };
  }
}

export async function listUpdateTokens(db: Db): Promise<UpdateTokenInfo[]> {
  const rows = await tokenRepository(db).listNewestFirst();
  const names = await userRepository(db).usernames([
    ...new Set(rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]))),
  ]);
  return rows.map((r) => ({
    id: r.id,
    install_id: r.install_id,
    username: r.user_id === null ? null : (names.get(r.user_id) ?? null),
    created_at: r.created_at,
    last_used_at: r.last_used_at,
    revoked_at: r.revoked_at,
  }));
}

/** Revokes a token; false when there is no such token. Revoking a revoked token is a no-op. */
export function revokeUpdateToken(db: Db, id: string, now: Date): Promise<boolean> {
  return tokenRepository(db).revoke(id, now.toISOString());
}
