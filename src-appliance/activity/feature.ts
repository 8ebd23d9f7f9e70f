/**
 * Security activity: every person's timeline of what happened to their account (sign-ins, failed
 * attempts, lockouts, changes, ended sessions, update tokens), its routes, the new-device notice,
 * the daily retention sweep and the site-wide security overview per day (./overview-routes.ts).
 * Other features record through ./record.ts or emit the domain events ./listeners.ts listens to.
 * See docs/parts/activity.md.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { installActivityListeners } from './listeners.js';
import { registerActivityRoutes } from './routes.js';
import { registerOverviewRoutes } from './overview-routes.js';
import { startActivitySweeps } from './retention-sweep.js';

export const name = 'activity';
export const dependencies = ['auth', 'mail'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  installActivityListeners(ctx);
  registerActivityRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  let stop: (() => void) | null = null;
  app.addHook('onReady', async () => {
    stop = startActivitySweeps(ctx);
  });
  app.addHook('onClose', async () => stop?.());
}
