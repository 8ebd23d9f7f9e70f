/** My Account: `GET/PATCH /api/account`, e-mail, password and the session list (see ./routes.ts). */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerAccountRoutes } from './routes.js';

export const name = 'account';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerAccountRoutes(app, ctx);
}
