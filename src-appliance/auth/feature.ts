/**
 * The appliance core (issue 2): site state and first admin at start, `GET /api/site`, login and
 * logout, the account routes and the admin routes. Registered first in ../features.ts, since the
 * session guard and `request.session` are used by every later feature.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerAuthRoutes } from './routes.js';
import { hoistGuardsOnRoute } from './session-guard.js';
import { ensureFirstAdmin } from '../users/bootstrap.js';
import { initSiteState } from '../site/site-state.js';
import { registerSiteRoutes } from '../site/routes.js';
import { registerAccountRoutes } from '../account/routes.js';
import { registerSecurityRoutes } from '../admin/security-routes.js';
import { registerUserRoutes } from '../admin/user-routes.js';

export async function coreFeature(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  app.decorateRequest('session', null);
  app.addHook('onRoute', hoistGuardsOnRoute);
  await initSiteState(ctx);
  await ensureFirstAdmin(ctx, (line) => process.stdout.write(`${line}\n`));
  registerSiteRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerSecurityRoutes(app, ctx);
  registerUserRoutes(app, ctx);
}
