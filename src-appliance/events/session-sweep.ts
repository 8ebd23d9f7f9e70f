/**
 * An open socket does not keep a session alive past its end: every heartbeat interval the sessions
 * with sockets are looked up in one query, and the sockets of sessions that ran out (idle timeout,
 * absolute lifetime), were deleted, or whose user was disabled get `session.revoked` and close.
 */
import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { sessionRepository } from '../auth/session-repository.js';
import { userRepository } from '../users/user-repository.js';

export async function sweepEndedSessions(ctx: ApplianceContext): Promise<number> {
  const ids = ctx.events.sessionIds();
  if (ids.size === 0) return 0;
  const idleMs = (await getSecuritySettings(ctx)).session_idle_timeout_minutes * 60_000;
  const now = ctx.clock.now();
  const rows = await sessionRepository(ctx.db).findByIds([...ids]);
  const enabled = await userRepository(ctx.db).enabledAmong([...new Set(rows.map((r) => r.user_id))]);
  const alive = new Set<string>();
  const disabled = new Set<string>();
  for (const r of rows) {
    if (!enabled.has(r.user_id)) disabled.add(r.id);
    else if (now.getTime() < Date.parse(r.last_seen_at) + idleMs && now.toISOString() < r.expires_at) alive.add(r.id);
  }
  const ended = [...ids].filter((id) => !alive.has(id) && !disabled.has(id));
  ctx.events.revokeSessions(disabled, 'disabled');
  ctx.events.revokeSessions(ended, 'expired');
  return ended.length + disabled.size;
}
