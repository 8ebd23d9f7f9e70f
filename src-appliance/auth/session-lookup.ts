/**
 * Token → session and user, the hottest read of the appliance (every authenticated request).
 * One prepared JOIN, plus a small cache that is valid only while the database has not been written
 * since: any write through this process (`writeGeneration`, checked on every request) empties it,
 * so a revoked session, a disabled user or a changed flag is seen by the very next request. Writes
 * by another process (`PRAGMA data_version`) are checked at most every DATA_VERSION_CHECK_MS: only
 * CLI commands write from outside, and none of them touches users or sessions; a SQLite statement
 * per request for them would cost as much as the rest of the lookup. Misses are not cached.
 */
import { type ApplianceContext } from '../context.js';
import { prepared, writeGeneration } from '../db/statement-cache.js';
import { type SessionRestriction, type SessionsTable } from '../users/tables.js';
import { type UserRow } from '../users/user-store.js';
import { hashToken } from './sessions.js';

export type SessionRow = Pick<
  SessionsTable,
  'id' | 'user_id' | 'client' | 'install_id' | 'restriction' | 'last_seen_at' | 'expires_at'
>;

export interface FoundSession {
  row: SessionRow;
  /** Frozen: shared by the requests of this session until the next write. */
  user: Readonly<UserRow>;
  lastSeenMs: number;
  expiresMs: number;
  passwordChangedMs: number;
}

const LOOKUP_SQL = `SELECT s.id AS s_id, s.client AS s_client, s.install_id AS s_install_id, s.restriction AS s_restriction,
  s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, u.*
  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`;
type LookupRow = UserRow & {
  s_id: string;
  s_client: SessionRow['client'];
  s_install_id: string | null;
  s_restriction: SessionRestriction | null;
  s_last_seen_at: string;
  s_expires_at: string;
};

const MAX_ENTRIES = 10_000;
export const DATA_VERSION_CHECK_MS = 200;
interface Cache {
  generation: number;
  dataVersion: number;
  checkedAt: number;
  entries: Map<string, FoundSession>;
}
const caches = new WeakMap<ApplianceContext, Cache>();

const dataVersionOf = (ctx: ApplianceContext) =>
  (prepared(ctx.sqlite, 'PRAGMA data_version').get() as { data_version: number }).data_version;

function currentCache(ctx: ApplianceContext): Cache {
  const generation = writeGeneration(ctx.sqlite);
  const now = performance.now();
  let cache = caches.get(ctx);
  if (cache && now - cache.checkedAt >= DATA_VERSION_CHECK_MS) {
    const dataVersion = dataVersionOf(ctx);
    if (dataVersion !== cache.dataVersion) cache = undefined;
    else cache.checkedAt = now;
  }
  if (!cache || cache.generation !== generation || cache.entries.size >= MAX_ENTRIES) {
    cache = { generation, dataVersion: dataVersionOf(ctx), checkedAt: now, entries: new Map() };
    caches.set(ctx, cache);
  }
  return cache;
}

/** Keyed by the token itself (it is in this process's memory for the request anyway): a hit skips the hash. */
export function lookupSession(ctx: ApplianceContext, token: string): FoundSession | null {
  const cache = currentCache(ctx);
  const hit = cache.entries.get(token);
  if (hit) return hit;
  const r = prepared(ctx.sqlite, LOOKUP_SQL).get(hashToken(token)) as LookupRow | undefined;
  if (!r) return null;
  const { s_id, s_client, s_install_id, s_restriction, s_last_seen_at, s_expires_at, ...user } = r;
  const found: FoundSession = {
    row: {
      id: s_id,
      user_id: user.id,
      client: s_client,
      install_id: s_install_id,
      restriction: s_restriction,
      last_seen_at: s_last_seen_at,
      expires_at: s_expires_at,
    },
    user: Object.freeze(user),
    lastSeenMs: Date.parse(s_last_seen_at),
    expiresMs: Date.parse(s_expires_at),
    passwordChangedMs: Date.parse(user.password_changed_at),
  };
  cache.entries.set(token, found);
  return found;
}
