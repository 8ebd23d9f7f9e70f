/**
 * Single sign-on with the site's own OpenID Connect providers: the admin API for the providers,
 * the sign-in routes, and the policy that non-admins must use them. See docs/parts/sign-in.md.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerIdentityProviderRoutes } from './admin-routes.js';
import { registerSsoSignInRoutes } from './sign-in-routes.js';
import { ssoSignInRepository } from './sso-sign-in-repository.js';

export const name = 'sso';
export const dependencies = ['auth', 'users', 'audit', 'desktop-sign-in'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerIdentityProviderRoutes(app, ctx);
  registerSsoSignInRoutes(app, ctx);
  // My Account says which provider signs the user in (and, without a local password, why there is no password section).
  ctx.accountView.push(async (user) => ({ identity_provider: await ssoSignInRepository(ctx.db).providerOf(user.id) }));
}
