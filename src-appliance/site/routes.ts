import { Site } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { getSecuritySettings, passwordPolicyOf } from './security-settings.js';
import { siteStateRepository } from './site-state-repository.js';
import { relyingPartyOf } from '../passkeys/relying-party.js';
import { identityProviderRepository } from '../sso/identity-provider-repository.js';

/** What anyone may know about the site before logging in. */
export async function buildSite(ctx: ApplianceContext): Promise<Site> {
  const settings = await getSecuritySettings(ctx);
  const state = siteStateRepository(ctx.db);
  return {
    site_name: ctx.config.siteName,
    software_version: (await state.get('software_version')) ?? '0.0.0',
    console_version: (await state.get('console_version')) ?? '0.0.0',
    languages: settings.languages,
    default_language: settings.default_language,
    password_policy: passwordPolicyOf(settings),
    password_reset_enabled: settings.password_reset_enabled,
    public_url: ctx.publicUrl(),
    passkey_sign_in: settings.passkeys_allowed && settings.passwordless_allowed && relyingPartyOf(ctx) !== null,
    identity_providers: await identityProviderRepository(ctx.db).listEnabled(),
    sso_required_for_non_admins: settings.sso_required_for_non_admins,
  };
}

export function registerSiteRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.get(
    '/api/site',
    { schema: { tags: ['site'], summary: 'Public site information and password policy.', response: { 200: Site } } },
    async () => buildSite(ctx),
  );
}
