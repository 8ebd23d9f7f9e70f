import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerInvitationRoutes } from './invitation-routes.js';

/** Session invitations between technicians (see ./invitation-routes.ts). */

export const name = 'invitations';
export const dependencies = ['auth', 'events', 'mail'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerInvitationRoutes(app, ctx);
}
