/**
 * The login step after a right password. With 2FA on, a code (or a recovery code) is needed:
 * none is `401 otp_required`; a wrong, stale or reused one is `401 otp_invalid` and counts toward
 * lockout. With 2FA required but not set up, the session may only enrol (or log out).
 */
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { type LoginCheck, LoginRefusal } from '../auth/login-checks.js';
import { acceptCode, isTwoFactorEnabled, spendRecoveryCode } from './two-factor-store.js';
import { twoFactorRequired } from './two-factor-policy.js';

export function twoFactorLoginCheck(ctx: ApplianceContext): LoginCheck {
  return async ({ user, body }) => {
    if (!user) return;
    if (!isTwoFactorEnabled(ctx, user.id)) {
      return (await twoFactorRequired(ctx, user)) ? { restriction: 'two_factor_enrollment' } : undefined;
    }
    if (body.recovery_code !== undefined) {
      if (spendRecoveryCode(ctx, user.id, body.recovery_code)) return;
      throw new LoginRefusal(httpError(401, 'otp_invalid', 'The recovery code is wrong or was already used.'), {
        countsTowardLockout: true,
      });
    }
    if (body.otp_code === undefined) {
      throw new LoginRefusal(httpError(401, 'otp_required', 'Enter the code from your authenticator app.'), {
        countsTowardLockout: false,
      });
    }
    if (acceptCode(ctx, user.id, body.otp_code)) return;
    throw new LoginRefusal(httpError(401, 'otp_invalid', 'The code is wrong, expired or was already used.'), {
      countsTowardLockout: true,
    });
  };
}
