/**
 * Token hash → session and user, the hottest read of the appliance (every authenticated request).
 * One prepared JOIN, plus a small cache that is valid only while the database has not been written
 * since: any write through this process (`writeGeneration`) or by another process
 * (`PRAGMA data_version`) empties it, so a revoked session, a disabled user or a changed flag is seen
 * by the very next request. Misses are not cached (unknown tokens cannot fill memory).
 */
import { type ApplianceContext } from '../context.js';
import { prepared, writeGeneration } from '../db/statement-cache.js';
import { type SessionRestriction, type SessionsTable } from '../users/tables.js';
import { type UserRow } from '../users/user-store.js';

export type SessionRow = Pick<SessionsTable, 'id' | 'user_id' | 'client' | 'install_id' | 'restriction' | 'last_seen_at' | 'expires_at'>;

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
  s_id: string; s_client: SessionRow['client']; s_install_id: string | null; s_restriction: SessionRestriction | null;
  s_last_seen_at: string; s_expires_at: string;
};

const MAX_ENTRIES = 10_000;
interface Cache { generation: number; dataVersion: number; entries: Map<string, FoundSession> }
const caches = new WeakMap<ApplianceContext, Cache>();

function currentCache(ctx: ApplianceContext): Cache {
  const generation = writeGeneration(ctx.sqlite);
  const dataVersion = (prepared(ctx.sqlite, 'PRAGMA data_version').get() as { data_version: number }).data_version;
  let cache = caches.get(ctx);
  if (!cache || cache.generation !== generation || cache.dataVersion !== dataVersion || cache.entries.size >= MAX_ENTRIES) {
    cache = { generation, dataVersion, entries: new Map() };
    caches.set(ctx, cache);
  }
  return cache;
}

export function lookupSession(ctx: ApplianceContext, tokenHash: string): FoundSession | null {
  const cache = currentCache(ctx);
  const hit = cache.entries.get(tokenHash);
  if (hit) return hit;
  const r = prepared(ctx.sqlite, LOOKUP_SQL).get(tokenHash) as LookupRow | undefined;
  if (!r) return null;
  const { s_id, s_client, s_install_id, s_restriction, s_last_seen_at, s_expires_at, ...user } = r;
  const found: FoundSession = {
    row: { id: s_id, user_id: user.id, client: s_client, install_id: s_install_id, restriction: s_restriction, last_seen_at: s_last_seen_at, expires_at: s_expires_at },
    user: Object.freeze(user),
    lastSeenMs: Date.parse(s_last_seen_at),
    expiresMs: Date.parse(s_expires_at),
    passwordChangedMs: Date.parse(user.password_changed_at),
  };
  cache.entries.set(tokenHash, found);
  return found;
}
