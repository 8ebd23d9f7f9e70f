import { type AdminUser } from '../../src-shared/api/admin.js';
import { type ApplianceContext } from '../context.js';
import { buildAccount } from '../account/account-view.js';
import { isLocked } from '../users/lock-counter.js';
import { type UserRow } from '../users/tables.js';
import { userSearchRepository } from '../users/user-search-repository.js';

/** A user as the admin list shows it (two-factor state comes from the account view parts). */
export async function buildAdminUser(ctx: ApplianceContext, user: UserRow): Promise<AdminUser> {
  const account = await buildAccount(ctx, user);
  return {
    id: user.id,
    username: user.username,
    private_display_name: user.private_display_name,
    public_display_name: user.public_display_name,
    email_address: user.email_address,
    enabled: user.enabled === 1,
    is_admin: user.is_admin === 1,
    locked_until: user.locked_until,
    locked: isLocked(user, ctx.clock.now()),
    failed_login_count: user.failed_login_count,
    two_factor_required: user.two_factor_required === 1,
    two_factor_enabled: account.two_factor.enabled,
    extended_availability_allowed: user.extended_availability_allowed === 1,
    password_change_required: account.password_change_required,
    // Only an enabled administrator can be the last one: no count for anyone else's row.
    last_admin: user.is_admin === 1 && user.enabled === 1 && (await userSearchRepository(ctx.db).enabledAdmins()) === 1,
    created_at: user.created_at,
  };
}
