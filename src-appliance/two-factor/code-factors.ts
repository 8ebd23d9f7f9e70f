/**
 * The two-factor feature's own second factors: a recovery code (single-use) and a code from the
 * authenticator app (each time step once). Both are usable once TOTP is set up.
 */
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { type SecondFactor } from '../auth/login-checks.js';
import { acceptCode, isTwoFactorEnabled, recoveryCodesLeft, spendRecoveryCode } from './two-factor-store.js';

export function codeFactors(ctx: ApplianceContext): SecondFactor[] {
  return [
    {
      method: 'recovery_code',
      usable: async (user) => (await isTwoFactorEnabled(ctx, user.id)) && (await recoveryCodesLeft(ctx, user.id)) > 0,
      presented: (body) => body.recovery_code !== undefined,
      verify: async (user, body) =>
        (await spendRecoveryCode(ctx, user.id, body.recovery_code!))
          ? null
          : httpError(401, 'otp_invalid', 'The recovery code is wrong or was already used.'),
    },
    {
      method: 'totp',
      usable: async (user) => isTwoFactorEnabled(ctx, user.id),
      presented: (body) => body.otp_code !== undefined,
      verify: async (user, body) =>
        (await acceptCode(ctx, user.id, body.otp_code!))
          ? null
          : httpError(401, 'otp_invalid', 'The code is wrong, expired or was already used.'),
    },
  ];
}
