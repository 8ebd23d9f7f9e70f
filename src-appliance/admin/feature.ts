/** The site administrator's API: the security policy and the users (./security-routes.ts, ./user-routes.ts, ./user-action-routes.ts, ./user-access-routes.ts). */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerSecurityRoutes } from './security-routes.js';
import { registerUserRoutes } from './user-routes.js';
import { registerUserActionRoutes } from './user-action-routes.js';
import { registerUserAccessRoutes } from './user-access-routes.js';

export const name = 'admin';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerSecurityRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerUserActionRoutes(app, ctx);
  registerUserAccessRoutes(app, ctx);
}
