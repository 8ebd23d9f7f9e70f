/**
 * Who may sign in with a password (or another local method) here. Users created by single sign-on
 * have no local password: the identity provider signs them in and owns their second factor. With
 * `sso_required_for_non_admins`, technicians sign in only through a provider; administrators keep
 * their local password, so a broken provider cannot lock the site out.
 */
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { httpError, type ApiError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { type UserRow } from '../users/tables.js';
import { type CredentialAttempt } from './lockout.js';

/** The password hash of a user without a local password: no password verifies against it. */
export const NO_LOCAL_PASSWORD = '';

export const hasLocalPassword = (user: Pick<UserRow, 'password_hash'>): boolean =>
  user.password_hash !== NO_LOCAL_PASSWORD;

/** The site lets this user sign in with a local method (password, passkey). */
export const localSignInAllowed = (settings: SecuritySettings, user: Pick<UserRow, 'is_admin'>): boolean =>
  user.is_admin === 1 || !settings.sso_required_for_non_admins;

export function ssoRequiredError(): ApiError {
  return httpError(403, 'sso_required', 'This site signs technicians in through its identity provider.');
}

/**
 * After a local credential (a password, a passkey) proved itself: a disabled account, or one that
 * must sign in through the provider, is refused, and the attempt is released, not counted. Only
 * after the proof, so that neither answer tells a stranger that the account exists.
 */
export async function admitLocalSignIn(
  ctx: ApplianceContext,
  user: Pick<UserRow, 'enabled' | 'is_admin'>,
  attempt: CredentialAttempt,
): Promise<void> {
  if (!user.enabled) {
    await attempt.released();
    throw httpError(403, 'account_disabled', 'This account is disabled.');
  }
  if (!localSignInAllowed(await getSecuritySettings(ctx), user)) {
    await attempt.released();
    throw ssoRequiredError();
  }
}
