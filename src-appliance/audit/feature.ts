/** The audit log of administrative changes: the append function (./audit-log.ts) and its admin routes. */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerAuditRoutes } from './audit-routes.js';

export const name = 'audit';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerAuditRoutes(app, ctx);
}
