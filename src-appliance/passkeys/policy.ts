/** The site's passkey policy (`/api/admin/security`), read once per request. */
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { getSecuritySettings } from '../site/security-settings.js';

/** COSE algorithms accepted: EdDSA, ES256, RS256 (what platform authenticators and security keys use). */
export const SUPPORTED_ALGORITHMS = [-8, -7, -257];

export async function passkeySettings(ctx: ApplianceContext): Promise<SecuritySettings> {
  return getSecuritySettings(ctx);
}

export function requirePasskeysAllowed(settings: SecuritySettings): void {
  if (!settings.passkeys_allowed)
    throw httpError(403, 'passkeys_not_allowed', 'Your administrator has turned passkeys off for this site.');
}

export function requirePasswordlessAllowed(settings: SecuritySettings): void {
  requirePasskeysAllowed(settings);
  if (!settings.passwordless_allowed)
    throw httpError(
      403,
      'passwordless_not_allowed',
      'Your administrator has turned off signing in with a passkey alone. Sign in with your password.',
    );
}
