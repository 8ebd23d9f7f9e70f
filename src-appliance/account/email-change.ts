/**
 * What changing a user's email address means, whoever changes it (the user in My Account, an
 * administrator in Management > Users): reset links and notices go to the address, so a new one
 * ends every session of the user but the one making the change, and the old and new addresses are
 * told (the mail feature's email.changed notice). Only a different address (ignoring case) counts.
 */
import { type ApplianceContext } from '../context.js';
import { endSessions } from '../auth/sessions.js';
import { type UserRow } from '../users/tables.js';

export const emailChanged = (user: Pick<UserRow, 'email_address'>, email: string | null): boolean =>
  (email ?? '').toLowerCase() !== (user.email_address ?? '').toLowerCase();

/** After the new address is stored: the sessions ended and the notice sent. `keepSession`: the changer's own. */
export async function afterEmailChange(
  ctx: ApplianceContext,
  user: Pick<UserRow, 'id' | 'email_address'>,
  email: string | null,
  keepSession: string | undefined,
): Promise<void> {
  if (emailChanged(user, email))
    await endSessions(ctx, user.id, { ...(keepSession ? { except: keepSession } : {}), reason: 'email_changed' });
  // A removed address has no one to tell at the new one; the notice needs the new address.
  if (email !== null)
    ctx.domain.emit('email.changed', { userId: user.id, oldEmail: user.email_address, newEmail: email });
}
