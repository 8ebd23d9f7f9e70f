import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerPasswordResetRoutes } from './reset-routes.js';
import { voidResetTokens } from './reset-tokens.js';

/** Password reset by mailed single-use link (see ./reset-routes.ts). */

export const name = 'password-reset';
export const dependencies = ['auth', 'mail'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerPasswordResetRoutes(app, ctx);
  // A link mailed before the password changed (by any path) must not set it again.
  ctx.domain.on('password.changed', ({ userId }) => voidResetTokens(ctx, userId));
}
