/**
 * The `GET /api/account` answer: the core fields from the user row and the site policy, then each
 * part in `ctx.accountView` (two-factor state, photo URL, ...) merged over it in order.
 * The parts read the database (a query or two each), so the answer is remembered per user row
 * (and whether the session must enrol in 2FA) while `ctx.changes` has not moved, like the session lookup
 * (auth/session-lookup.ts): any write by this process, or a commit elsewhere once the engine
 * notices, voids it; so does the password's expiry, the one thing that changes with time alone.
 * Only the frozen rows the session lookup hands out are remembered (keyed by the row itself, so an
 * entry goes with its row); a row a caller might still change is always read afresh.
 * Bench (appliance-account, SQLite, 1 worker, load 6-9): ratio to bare Fastify 0.22 before, 0.505
 * with the parts remembered; the profile had Kysely building and running the parts' three
 * queries as its top cost.
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

export function buildAccount(
  ctx: ApplianceContext,
  user: UserRow,
  restriction: SessionRestriction | null = null,
): Promise<Account> {
  // Taken before reading: a write that lands while the parts read leaves this entry already void.
  const version = ctx.changes.version;
  const enrolmentRequired = restriction === 'two_factor_enrollment';
  const hit = remembered.get(user);
  if (hit && hit.ctx === ctx && hit.version === version && hit.enrolmentRequired === enrolmentRequired) {
    if (hit.validUntilMs === Infinity || ctx.clock.now().getTime() < hit.validUntilMs) return hit.account;
  }
  const reading = readAccount(ctx, user, enrolmentRequired);
  if (!Object.isFrozen(user)) return reading.then(({ account }) => account);
  // Remembered while it is read, so that the requests in flight together read it once.
  const entry: RememberedAccount = {
    ctx,
    version,
    enrolmentRequired,
    account: reading.then(({ account }) => account),
    validUntilMs: Infinity,
  };
  remembered.set(user, entry);
  reading.then(
    ({ validUntilMs }) => {
      entry.validUntilMs = validUntilMs;
    },
    () => {
      if (remembered.get(user) === entry) remembered.delete(user);
    },
  );
  return entry.account;
}

async function readAccount(
  ctx: ApplianceContext,
  user: UserRow,
  enrolmentRequired: boolean,
): Promise<{ account: Account; validUntilMs: number }> {
  const settings = cachedSecuritySettings(ctx) ?? (await getSecuritySettings(ctx));
  const localPassword = hasLocalPassword(user);
  const expiresAt = localPassword ? passwordExpiresAt(user, settings) : null;
  const core: Account = {
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
    password_expires_at: expiresAt,
    password_change_required: localPassword && passwordMustChange(ctx, user, settings),
    two_factor_enrollment_required: enrolmentRequired,
    is_admin: user.is_admin === 1,
    local_password: localPassword && localSignInAllowed(settings, user),
    identity_provider: null,
  };
  let account = core;
  for (const part of ctx.accountView) account = { ...account, ...(await part(user)) };
  // The one field that changes with time alone: the answer is good until the password expires.
  const validUntilMs = expiresAt && !core.password_change_required ? Date.parse(expiresAt) : Infinity;
  return { account: Object.freeze(account), validUntilMs };
}

interface RememberedAccount {
  ctx: ApplianceContext;
  version: number;
  enrolmentRequired: boolean;
  account: Promise<Account>;
  /** Infinity until the read is done. */
  validUntilMs: number;
}
const remembered = new WeakMap<Readonly<UserRow>, RememberedAccount>();
