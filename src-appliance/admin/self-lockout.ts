/**
 * Security settings that would lock people out are refused before they are stored, with a stable
 * code and the reason, so Management > Security can say why:
 *   - `self_lockout`: 2FA would be required of the saving admin, who would then hold no second
 *     factor usable under the new settings (none enrolled, or passkeys only and passkeys turned
 *     off). Their session would at once be restricted to enrolment and lose the Management screens.
 *   - `identity_provider_required`: technicians would have to sign in through an identity provider
 *     while none is enabled, so none of them could sign in (../sso/provider-lockout.ts).
 */
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ClientKind } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { requireEnabledProvider } from '../sso/provider-lockout.js';
import { type UserRow } from '../users/tables.js';

const CLIENTS: readonly ClientKind[] = ['web', 'console'];

export async function refuseLockout(
  ctx: ApplianceContext,
  admin: Readonly<UserRow>,
  before: SecuritySettings,
  next: SecuritySettings,
): Promise<void> {
  if ((next.two_factor_required || admin.two_factor_required === 1) && !(await holdsFactor(ctx, admin, next))) {
    const passkeysOff = before.passkeys_allowed && !next.passkeys_allowed && (await holdsFactor(ctx, admin, before));
    const reason = passkeysOff ? 'passkeys_only_factor' : 'no_second_factor';
    throw httpError(
      422,
      'self_lockout',
      passkeysOff
        ? 'Your only second factor is a passkey: with passkeys off and two-factor authentication required, you could not sign in. Set up an authenticator app first.'
        : 'Two-factor authentication would be required of you, and you have no second factor. Set one up in My Account first.',
      { reason, field: passkeysOff ? 'passkeys_allowed' : 'two_factor_required' },
    );
  }
  if (next.sso_required_for_non_admins && !before.sso_required_for_non_admins)
    await requireEnabledProvider(ctx, null, 'no_enabled_identity_provider');
}

/** The admin has a second factor usable from some client under `settings` (a passkey only while passkeys are allowed). */
async function holdsFactor(ctx: ApplianceContext, admin: UserRow, settings: SecuritySettings): Promise<boolean> {
  for (const factor of ctx.loginChecks.secondFactors) {
    if (factor.method === 'passkey' && !settings.passkeys_allowed) continue;
    for (const client of CLIENTS) if (await factor.usable(admin, { client })) return true;
  }
  return false;
}
