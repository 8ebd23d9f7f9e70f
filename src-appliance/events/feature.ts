/**
 * Live events: the `/api/events` socket, plus what is published on it when something changes
 * (account.updated to the user's sockets, site.updated to everyone). session.revoked is sent by
 * the core (auth/sessions.ts) through ctx.events.revokeSessions when it ends sessions, and by
 * ./session-sweep.ts for sessions that simply ran out while their socket stayed open. Everything
 * published here also reaches the sockets of the site's other processes and nodes (./event-relay.ts),
 * so nothing is skipped because this process has no socket of the user.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { buildAccount } from '../account/account-view.js';
import { buildSite } from '../site/routes.js';
import { userRepository } from '../users/user-repository.js';
import { HEARTBEAT_INTERVAL_MS, Heartbeat } from './heartbeat.js';
import { registerEventsRoute } from './events-route.js';
import { sweepEndedSessions } from './session-sweep.js';
import { startEventRelay } from './event-relay.js';

const heartbeats = new WeakMap<ApplianceContext, Heartbeat>();

/** The appliance's heartbeat (tests run a round with `heartbeatOf(ctx).beat()`). */
export function heartbeatOf(ctx: ApplianceContext): Heartbeat | undefined {
  return heartbeats.get(ctx);
}

export const name = 'events';
export const dependencies = ['auth'] as const;

export async function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  const relay = await startEventRelay(ctx, ctx.events);
  const heartbeat = new Heartbeat();
  heartbeats.set(ctx, heartbeat);
  const sweep = setInterval(
    () => void sweepEndedSessions(ctx).catch((err: unknown) => ctx.log.error({ err }, 'session sweep failed')),
    HEARTBEAT_INTERVAL_MS,
  );
  sweep.unref();
  app.addHook('onClose', async () => {
    heartbeat.stop();
    clearInterval(sweep);
    await relay.stop();
  });
  await registerEventsRoute(app, ctx, heartbeat);

  const pushAccount = async ({ userId }: { userId: number }) => {
    const user = await userRepository(ctx.db).findById(userId);
    if (user) ctx.events.toUser(userId, { type: 'account.updated', data: { account: await buildAccount(ctx, user) } });
  };
  ctx.domain.on('account.changed', pushAccount);
  ctx.domain.on('email.changed', pushAccount);
  ctx.domain.on('two_factor.changed', pushAccount);
  ctx.domain.on('password.changed', pushAccount);
  ctx.domain.on('site.changed', async () => {
    ctx.events.toAll({ type: 'site.updated', data: { site: await buildSite(ctx) } });
  });
}
