/**
 * The login step after a right password. A second factor is needed when the user set up an
 * authenticator app or when two-factor authentication is required for them; then any factor the
 * user has answers it (`ctx.loginChecks.secondFactors`: recovery code, authenticator code,
 * passkey). None given is `401 otp_required`, not counted, whose details list the usable factors
 * and carry what they need (a passkey challenge); a wrong answer is the factor's refusal and
 * counts toward lockout. Required but with no usable factor, the session may only enrol.
 */
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { type LoginCheck, LoginRefusal } from '../auth/login-checks.js';
import { type SecondStep } from '../../src-shared/api/passkeys.js';
import { isTwoFactorEnabled } from './two-factor-store.js';
import { twoFactorRequired } from './two-factor-policy.js';

export function twoFactorLoginCheck(ctx: ApplianceContext): LoginCheck {
  return async ({ user, body }) => {
    if (!user) return;
    if (!(await isTwoFactorEnabled(ctx, user.id)) && !(await twoFactorRequired(ctx, user))) return;
    const factors = ctx.loginChecks.secondFactors;
    const presented = factors.find((f) => f.presented(body));
    if (presented) {
      const wrong = await presented.verify(user, body);
      if (!wrong) return { secondFactor: presented.method };
      throw new LoginRefusal(wrong, { countsTowardLockout: true, method: presented.method });
    }
    const usable = [];
    for (const f of factors) if (await f.usable(user, body)) usable.push(f);
    if (usable.length === 0) return { restriction: 'two_factor_enrollment' };
    const step: SecondStep = { methods: usable.map((f) => f.method) };
    for (const f of usable) Object.assign(step, await f.offer?.(user));
    throw new LoginRefusal(
      httpError(401, 'otp_required', `A second factor is needed: ${step.methods.join(', ')}.`, { ...step }),
      { countsTowardLockout: false },
    );
  };
}
