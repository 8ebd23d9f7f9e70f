/**
 * An update token dies with its owner's access: when an admin disables the user or ends all their
 * sessions, every live token of the user's installs is revoked too (a console the user signs in to
 * again gets a new one). Each revocation goes into the user's security activity.
 */
import { type ApplianceContext } from '../context.js';
import { recordActivity } from '../activity/record.js';
import { revokeUserUpdateTokens } from './token-store.js';

/** The timeline's revokedBy keys: disabled, or an admin who ended all sessions. */
export type OwnerRevocationReason = 'disabled' | 'admin';

/** Returns how many tokens were revoked. */
export async function revokeUpdateTokensOf(
  ctx: ApplianceContext,
  userId: number,
  reason: OwnerRevocationReason,
): Promise<number> {
  const installs = await revokeUserUpdateTokens(ctx.db, userId, ctx.clock.now());
  for (const installId of installs)
    await recordActivity(ctx, userId, { kind: 'update_token_revoked', data: { install_id: installId, reason } });
  return installs.length;
}
