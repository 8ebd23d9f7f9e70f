/**
 * Passkeys (WebAuthn, with @simplewebauthn/server): the account's passkeys, passwordless sign-in
 * and the passkey as second factor after the password. See docs/parts/passkeys.md.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerPasskeyAccountRoutes } from './account-routes.js';
import { registerPasskeySignInRoutes } from './sign-in-routes.js';
import { passkeySecondFactor } from './second-factor.js';

export const name = 'passkeys';
export const dependencies = ['auth', 'account', 'two-factor'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  ctx.loginChecks.secondFactors.push(passkeySecondFactor(ctx));
  registerPasskeyAccountRoutes(app, ctx);
  registerPasskeySignInRoutes(app, ctx);
}
