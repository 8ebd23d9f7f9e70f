/**
 * Who a verified ID token is on this site. A provider account signed in before is the user it was
 * linked to; otherwise the username claim names the user (an existing account is linked, or one is
 * created when the provider has just-in-time provisioning). Created users have no local password:
 * they sign in through the provider, which also owns their second factor. With an admin group
 * claim, membership decides `is_admin` at every sign-in (never leaving the site without an enabled
 * administrator who has a local password, so a broken provider cannot lock the site out).
 * A token the checks refused still counts as a failed sign-in of the user it named.
 */
import { USERNAME_PATTERN } from '../../src-shared/api/common.js';
import { checkDisplayName } from '../../src-shared/display-names.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { ApiError } from '../http/api-error.js';
import { beginAccountAttempt } from '../auth/lockout.js';
import { NO_LOCAL_PASSWORD } from '../auth/sso-policy.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { type IdentityProviderRow } from './identity-provider-repository.js';
import { ssoSignInRepository } from './sso-sign-in-repository.js';
import { type Claims } from './token-check.js';
import { newUser } from '../users/new-user.js';

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

function claimedUsername(provider: IdentityProviderRow, claims: Claims): string {
  const value = text(claims[provider.username_claim]);
  if (!value || value.length > 64 || !new RegExp(USERNAME_PATTERN).test(value))
    throw httpError(
      403,
      'sso_username_invalid',
      `The provider's ${provider.username_claim} claim is not a username this site accepts.`,
      {
        claim: provider.username_claim,
      },
    );
  return value;
}

function isAdminMember(provider: IdentityProviderRow, claims: Claims): boolean | null {
  if (!provider.admin_group_claim || provider.admin_group_value === null) return null;
  const v = claims[provider.admin_group_claim];
  const values = Array.isArray(v) ? v : [v];
  return values.some((g) => g === provider.admin_group_value);
}

async function createUser(ctx: ApplianceContext, provider: IdentityProviderRow, claims: Claims, username: string) {
  const shown = checkDisplayName(text(claims[provider.display_name_claim]) ?? '');
  const name = shown.problem ? username : shown.value;
  const email = text(claims[provider.email_claim]);
  const now = ctx.clock.now().toISOString();
  const users = userRepository(ctx.db);
  const id = await users.insert(
    newUser(
      {
        username,
        password_hash: NO_LOCAL_PASSWORD,
        private_display_name: name,
        public_display_name: name,
        email_address: email && email.length <= 254 && email.includes('@') ? email : null,
        is_admin: isAdminMember(provider, claims) ? 1 : 0,
      },
      now,
    ),
  );
  // Two first sign-ins at once: the other one created the user.
  if (id === null) return users.findByUsername(username);
  ctx.log.info({ userId: id, provider: provider.id }, 'user created at its first single sign-on');
  return (await users.findById(id))!;
}

/** Sets is_admin as the group claim says, unless that would leave no enabled administrator with a password. */
async function applyAdminGroup(ctx: ApplianceContext, user: UserRow, member: boolean): Promise<UserRow> {
  const wanted = member ? 1 : 0;
  if (user.is_admin === wanted) return user;
  const now = ctx.clock.now().toISOString();
  const changed = await userRepository(ctx.db).updateKeepingAnAdmin(
    user.id,
    { is_admin: wanted, updated_at: now },
    { passwordHashNot: NO_LOCAL_PASSWORD },
  );
  if (!changed) {
    ctx.log.warn(
      { userId: user.id },
      'admin group claim not applied: no administrator with a local password would be left',
    );
    return user;
  }
  return (await userRepository(ctx.db).findById(user.id))!;
}

export async function userForClaims(
  ctx: ApplianceContext,
  provider: IdentityProviderRow,
  claims: Claims,
): Promise<UserRow> {
  const signIns = ssoSignInRepository(ctx.db);
  const linkedId = await signIns.linkedUser(provider.id, claims.sub);
  const users = userRepository(ctx.db);
  let user = linkedId === null ? null : await users.findById(linkedId);
  if (!user) {
    const username = claimedUsername(provider, claims);
    user = await users.findByUsername(username);
    if (!user && provider.jit_provisioning) user = await createUser(ctx, provider, claims, username);
    if (!user)
      throw httpError(
        403,
        'sso_user_unknown',
        'There is no user with this username here, and the provider may not create one.',
      );
  }
  if (!user.enabled) throw httpError(403, 'account_disabled', 'This account is disabled.');
  // The provider verified the sign-in; as one lockout attempt it is refused while the account is
  // locked and, once through, clears the failures counted before it.
  const attempt = await beginAccountAttempt(ctx, user.id);
  const member = isAdminMember(provider, claims);
  if (member !== null) user = await applyAdminGroup(ctx, user, member);
  await signIns.recordSignIn(provider.id, claims.sub, user.id, ctx.clock.now().toISOString());
  await attempt.succeeded();
  return user;
}

/** The user a token names (the linked account, else its username claim), if there is one. */
async function namedUser(ctx: ApplianceContext, provider: IdentityProviderRow, stated: Record<string, unknown>) {
  const sub = text(stated.sub);
  const linkedId = sub ? await ssoSignInRepository(ctx.db).linkedUser(provider.id, sub) : null;
  if (linkedId !== null) return userRepository(ctx.db).findById(linkedId);
  const username = text(stated[provider.username_claim]);
  return username && username.length <= 64 ? userRepository(ctx.db).findByUsername(username) : null;
}

/** Counts a refused token toward the lockout of the user it named; the error to answer. */
export async function countRefusedToken(
  ctx: ApplianceContext,
  provider: IdentityProviderRow,
  error: ApiError,
  stated: Record<string, unknown> | null,
): Promise<ApiError> {
  const user = stated ? await namedUser(ctx, provider, stated) : null;
  if (!user) return error;
  try {
    return (await beginAccountAttempt(ctx, user.id)).failed(error);
  } catch (err) {
    if (err instanceof ApiError) return err; // already locked: 423
    throw err;
  }
}
