import { type ApplianceContext } from '../context.js';
import { type SessionCheck } from '../auth/login-checks.js';
import { type ClientKind } from '../../src-shared/api/auth.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { type UserRow } from '../users/tables.js';

/** 2FA is required for a user when the site requires it for everyone or the admin set it for them. */
export async function twoFactorRequired(
  ctx: ApplianceContext,
  user: Pick<UserRow, 'two_factor_required'>,
): Promise<boolean> {
  return (await getSecuritySettings(ctx)).two_factor_required || user.two_factor_required === 1;
}

/**
 * A live session of a user for whom 2FA became required (site-wide or by the admin) and who holds
 * no second factor may only enrol or log out from its next request on; enrolling lifts it for
 * every such session. A factor counts whichever client it is used from: a desktop console session
 * may have been signed in through the browser with a passkey, which the console itself cannot use.
 */
export function twoFactorSessionCheck(ctx: ApplianceContext): SessionCheck {
  return async (user) => {
    if (!(await twoFactorRequired(ctx, user))) return null;
    for (const factor of ctx.loginChecks.secondFactors)
      for (const client of CLIENT_KINDS) if (await factor.usable(user, { client })) return null;
    return 'two_factor_enrollment';
  };
}

const CLIENT_KINDS: readonly ClientKind[] = ['web', 'console'];
