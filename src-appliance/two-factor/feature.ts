/** Two-factor authentication: routes, the login step, and the account view's `two_factor` part. */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { registerTwoFactorRoutes } from './two-factor-routes.js';
import { twoFactorLoginCheck } from './two-factor-login.js';
import { codeFactors } from './code-factors.js';
import { isTwoFactorEnabled, recoveryCodesLeft } from './two-factor-store.js';
import { twoFactorRequired, twoFactorSessionCheck } from './two-factor-policy.js';
import { siteKeyOf } from '../site/site-key-of.js';

export const name = 'two-factor';
export const dependencies = ['auth'] as const;

export function register(app: ApplianceApp, ctx: ApplianceContext): void {
  siteKeyOf(ctx); // create the site key file at start, not on the first setup
  ctx.loginChecks.afterPassword.push(twoFactorLoginCheck(ctx));
  ctx.loginChecks.secondFactors.push(...codeFactors(ctx));
  ctx.sessionChecks.push(twoFactorSessionCheck(ctx));
  ctx.accountView.push(async (user) => ({
    two_factor: {
      enabled: await isTwoFactorEnabled(ctx, user.id),
      required: await twoFactorRequired(ctx, user),
      recovery_codes_left: await recoveryCodesLeft(ctx, user.id),
    },
  }));
  registerTwoFactorRoutes(app, ctx);
}
