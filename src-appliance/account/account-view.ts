/**
 * The `GET /api/account` answer: the core fields from the user row and the site policy, then each
 * part in `ctx.accountView` (two-factor state, photo URL, ...) merged over it in order.
 * The parts read the database (a query or two each), so their merged answer is remembered per
 * user row while `ctx.changes` has not moved, like the session lookup (auth/session-lookup.ts):
 * any write by this process, or a commit elsewhere once the engine notices, voids it. Only the
 * frozen rows the session lookup hands out are remembered (keyed by the row itself, so an entry
 * goes with its row); a row a caller might still change is always read afresh.
 * Bench (appliance-account, SQLite, 1 worker, load 6-9): ratio to bare Fastify 0.22 before, 0.505
 * with it; the profile had Kysely building and running the parts' three queries as its top cost.
 */
import { type Account } from '../../src-shared/api/account.js';
import { displayNamesSynced } from '../../src-shared/display-names.js';
import { type SecuritySettings } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { cachedSecuritySettings, getSecuritySettings } from '../site/security-settings.js';
import { type UserRow } from '../users/tables.js';
import { hasLocalPassword, localSignInAllowed } from '../auth/sso-policy.js';
import { type SessionRestriction } from '../auth/tables.js';

export function passwordExpiresAt(
  user: Pick<UserRow, 'password_changed_at'>,
  settings: SecuritySettings,
): string | null {
  if (settings.password_expiration_days <= 0) return null;
  return new Date(Date.parse(user.password_changed_at) + settings.password_expiration_days * 86_400_000).toISOString();
}

export function passwordMustChange(ctx: ApplianceContext, user: UserRow, settings: SecuritySettings): boolean {
  const expires = passwordExpiresAt(user, settings);
  return user.password_change_required === 1 || (expires !== null && expires <= ctx.clock.now().toISOString());
}

export async function buildAccount(
  ctx: ApplianceContext,
  user: UserRow,
  restriction: SessionRestriction | null = null,
): Promise<Account> {
  const settings = cachedSecuritySettings(ctx) ?? (await getSecuritySettings(ctx));
  const account: Account = {
    id: user.id,
    username: user.username,
    private_display_name: user.private_display_name,
    public_display_name: user.public_display_name,
    display_names_synced: displayNamesSynced(user),
    email_address: user.email_address,
    preferred_email_language: user.preferred_email_language,
    extended_availability: {
      allowed: user.extended_availability_allowed === 1,
      enabled: user.extended_availability_enabled === 1,
    },
    two_factor: {
      enabled: false,
      required: settings.two_factor_required || user.two_factor_required === 1,
      recovery_codes_left: 0,
    },
    photo_url: null,
    // A user without a local password has none to expire or change.
    password_expires_at: hasLocalPassword(user) ? passwordExpiresAt(user, settings) : null,
    password_change_required: hasLocalPassword(user) && passwordMustChange(ctx, user, settings),
    two_factor_enrollment_required: restriction === 'two_factor_enrollment',
    is_admin: user.is_admin === 1,
    local_password: hasLocalPassword(user) && localSignInAllowed(settings, user),
    identity_provider: null,
  };
  return { ...account, ...(await viewParts(ctx, user)) };
}

interface RememberedParts {
  ctx: ApplianceContext;
  version: number;
  parts: Partial<Account>;
}
const remembered = new WeakMap<Readonly<UserRow>, RememberedParts>();

async function viewParts(ctx: ApplianceContext, user: UserRow): Promise<Partial<Account>> {
  // Taken before reading: a write that lands while the parts read leaves this entry already void.
  const version = ctx.changes.version;
  const hit = remembered.get(user);
  if (hit && hit.ctx === ctx && hit.version === version) return hit.parts;
  let parts: Partial<Account> = {};
  for (const part of ctx.accountView) parts = { ...parts, ...(await part(user)) };
  if (Object.isFrozen(user)) remembered.set(user, { ctx, version, parts: Object.freeze(parts) });
  return parts;
}
