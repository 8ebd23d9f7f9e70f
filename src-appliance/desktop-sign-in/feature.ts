/**
 * The desktop console signs in through the system browser (RFC 8252 with PKCE): the person signs
 * in at the web console with any method the site offers, and the console receives a session of its
 * own through its loopback listener. See docs/parts/sign-in.md.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerDesktopSignInRoutes } from './routes.js';

export const name = 'desktop-sign-in';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  registerDesktopSignInRoutes(app, ctx);
}
