/** Site state (the site secret, software and console versions) created at start, and `GET /api/site`. */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { initSiteState } from './site-state.js';
import { registerSiteRoutes } from './routes.js';

export const name = 'site';
export const dependencies = [] as const;

export async function register(app: ApplianceApp, ctx: ApplianceContext): Promise<void> {
  await initSiteState(ctx);
  registerSiteRoutes(app, ctx);
}
