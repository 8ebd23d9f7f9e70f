import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { type UserRow } from '../users/user-store.js';

/** 2FA is required for a user when the site requires it for everyone or the admin set it for them. */
export async function twoFactorRequired(
  ctx: ApplianceContext,
  user: Pick<UserRow, 'two_factor_required'>,
): Promise<boolean> {
  return (await getSecuritySettings(ctx)).two_factor_required || user.two_factor_required === 1;
}
