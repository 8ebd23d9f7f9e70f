/**
 * Health for load balancers and orchestrators: `GET /api/health/live` (the process answers) and
 * `GET /api/health/ready` (send traffic here: database reachable, this build's migrations applied,
 * not draining). Both are public, uncached and cheap; ready costs one query.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerHealthRoutes } from './routes.js';

export const name = 'health';
export const dependencies = [] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerHealthRoutes(app, ctx);
}
