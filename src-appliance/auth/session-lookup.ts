/**
 * Token → session and user, the hottest read of the appliance (every authenticated request).
 * Two keyed reads (the session by token hash, its user by id), remembered in a small cache that is
 * valid only while `ctx.changes` has not moved (db/data-changes.ts): any write by this process
 * empties it before the writer answers, so a revoked session, a disabled user or a changed flag is
 * seen by the very next request; a commit by another process or node empties it once the engine
 * notices (within EXTERNAL_CHANGE_POLL_MS today). Misses are not cached.
 * The cache holds the read itself, not only its result: a write voids the cache while every
 * request of a busy session is in flight, and without this each of them read the session again
 * (bench appliance-account, PostgreSQL: about 600 queries after each write instead of 2).
 */
import { type ApplianceContext } from '../context.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { type FoundSessionRow, sessionRepository } from './session-repository.js';
import { hashToken } from './sessions.js';
import { type SessionRestriction } from './tables.js';

export type SessionRow = FoundSessionRow;

export interface FoundSession {
  row: SessionRow;
  /** Frozen: shared by the requests of this session until the next change. */
  user: Readonly<UserRow>;
  lastSeenMs: number;
  expiresMs: number;
  passwordChangedMs: number;
  /**
   * What the features' session checks said of this session (session-guard.ts), remembered with
   * the entry: they read only the database, so the write that could change their answer voids it.
   * The promise, so that the requests in flight together ask once.
   */
  liveRestriction?: Promise<SessionRestriction | null>;
}

const MAX_ENTRIES = 10_000;
interface Cache {
  version: number;
  entries: Map<string, Promise<FoundSession | null>>;
}
const caches = new WeakMap<ApplianceContext, Cache>();

function currentCache(ctx: ApplianceContext): Cache {
  const version = ctx.changes.version;
  let cache = caches.get(ctx);
  if (!cache || cache.version !== version || cache.entries.size >= MAX_ENTRIES) {
    cache = { version, entries: new Map() };
    caches.set(ctx, cache);
  }
  return cache;
}

/** Keyed by the token itself (it is in this process's memory for the request anyway): a hit skips the hash. */
export function lookupSession(ctx: ApplianceContext, token: string): Promise<FoundSession | null> {
  // Taken before reading: if a write lands while we read, this cache is already void when we fill it.
  const cache = currentCache(ctx);
  const hit = cache.entries.get(token);
  if (hit) return hit;
  const reading = readSession(ctx, token);
  cache.entries.set(token, reading);
  const forget = () => {
    if (cache.entries.get(token) === reading) cache.entries.delete(token);
  };
  void reading.then((found) => {
    if (!found) forget();
  }, forget);
  return reading;
}

async function readSession(ctx: ApplianceContext, token: string): Promise<FoundSession | null> {
  const row = await sessionRepository(ctx.db).findByTokenHash(hashToken(token));
  if (!row) return null;
  const user = await userRepository(ctx.db).findById(row.user_id);
  if (!user) return null;
  const found: FoundSession = {
    row,
    user: Object.freeze(user),
    lastSeenMs: Date.parse(row.last_seen_at),
    expiresMs: Date.parse(row.expires_at),
    passwordChangedMs: Date.parse(user.password_changed_at),
  };
  return found;
}

/** The session checks' answer for this entry, asked once by the requests in flight together; a failure is not kept. */
export function rememberRestriction(
  found: FoundSession,
  ask: () => Promise<SessionRestriction | null>,
): Promise<SessionRestriction | null> {
  if (found.liveRestriction) return found.liveRestriction;
  const asking = ask();
  found.liveRestriction = asking;
  asking.catch(() => {
    if (found.liveRestriction === asking) found.liveRestriction = undefined;
  });
  return asking;
}
