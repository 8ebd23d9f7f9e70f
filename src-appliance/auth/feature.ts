/**
 * Login and logout, and what every guarded route relies on: `request.session` and the hook that
 * moves each route's session guard to onRequest (so a body is never read for a caller without a
 * session). Every feature with guarded routes depends on this one.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerAuthRoutes } from './routes.js';
import { hoistGuardsOnRoute } from './session-guard.js';

export const name = 'auth';
export const dependencies = ['site'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  app.decorateRequest('session', null);
  app.addHook('onRoute', hoistGuardsOnRoute);
  registerAuthRoutes(app, ctx);
}
