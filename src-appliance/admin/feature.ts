/** The site administrator's API: the security policy and the users (see ./security-routes.ts, ./user-routes.ts). */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerSecurityRoutes } from './security-routes.js';
import { registerUserRoutes } from './user-routes.js';

export const name = 'admin';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerSecurityRoutes(app, ctx);
  registerUserRoutes(app, ctx);
}
