/**
 * While technicians must sign in through an identity provider (`sso_required_for_non_admins`),
 * at least one provider stays enabled: otherwise no technician could sign in. Requiring SSO with
 * none enabled (admin/self-lockout.ts) and disabling or deleting the last enabled one (./admin-routes.ts)
 * are refused with `identity_provider_required`.
 */
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { identityProviderRepository } from './identity-provider-repository.js';

/** Refuses unless a provider other than `leaving` is enabled. */
export async function requireEnabledProvider(
  ctx: ApplianceContext,
  leaving: number | null,
  reason: 'no_enabled_identity_provider' | 'last_enabled_identity_provider',
): Promise<void> {
  const enabled = await identityProviderRepository(ctx.db).listEnabled();
  if (enabled.some((p) => p.id !== leaving)) return;
  throw httpError(
    422,
    'identity_provider_required',
    reason === 'no_enabled_identity_provider'
      ? 'No identity provider is enabled: technicians could not sign in at all. Enable one first.'
      : 'Technicians must sign in through an identity provider, and this is the last one enabled. Turn that requirement off first.',
    { reason, field: reason === 'no_enabled_identity_provider' ? 'sso_required_for_non_admins' : 'enabled' },
  );
}

/** The same rule for a provider about to be disabled or deleted. */
export async function refuseLastEnabledProviderGone(
  ctx: ApplianceContext,
  id: number,
  enabledNow: boolean,
): Promise<void> {
  if (!enabledNow || !(await getSecuritySettings(ctx)).sso_required_for_non_admins) return;
  await requireEnabledProvider(ctx, id, 'last_enabled_identity_provider');
}
