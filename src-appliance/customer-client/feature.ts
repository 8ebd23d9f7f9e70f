/** The customer client's elevation rules (Management > Customer client): ./routes.ts, stored by ./customer-client-repository.ts. */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerCustomerClientRoutes } from './routes.js';

export const name = 'customer-client';
export const dependencies = ['auth', 'audit'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerCustomerClientRoutes(app, ctx);
}
