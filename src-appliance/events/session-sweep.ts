/**
 * An open socket does not keep a session alive past its end: every heartbeat interval the sessions
 * with sockets are looked up in one query, and the sockets of sessions that ran out (idle timeout,
 * absolute lifetime), were deleted, or whose user was disabled get `session.revoked` and close.
 */
import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';

interface Row {
  id: string;
  last_seen_at: string;
  expires_at: string;
  enabled: number;
}

export async function sweepEndedSessions(ctx: ApplianceContext): Promise<number> {
  const ids = ctx.events.sessionIds();
  if (ids.size === 0) return 0;
  const idleMs = (await getSecuritySettings(ctx)).session_idle_timeout_minutes * 60_000;
  const now = ctx.clock.now();
  const rows = ctx.sqlite
    .prepare(
      `SELECT s.id, s.last_seen_at, s.expires_at, u.enabled FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify([...ids])) as Row[];
  const alive = new Set<string>();
  const disabled = new Set<string>();
  for (const r of rows) {
    if (!r.enabled) disabled.add(r.id);
    else if (now.getTime() < Date.parse(r.last_seen_at) + idleMs && now.toISOString() < r.expires_at) alive.add(r.id);
  }
  const ended = [...ids].filter((id) => !alive.has(id) && !disabled.has(id));
  ctx.events.revokeSessions(disabled, 'disabled');
  ctx.events.revokeSessions(ended, 'expired');
  return ended.length + disabled.size;
}
