/**
 * Security notices (ASVS 6.3.6): mail the user when their password, 2FA, email address or passkeys change, and when a passkey is
 * blocked after its counter went backwards.
 * An email change is also told to the OLD address, so a hijacker cannot silence the owner.
 *
 * These are queued on their own, not in the change's transaction: each reacts to a domain event
 * emitted after the change committed, and no stored row says a notice exists (unlike a reset
 * link, an invitation or an announced enabling, whose mail is queued with its row), so nothing is
 * ever half-written. What a node killed between the commit and the queueing can cost is the notice
 * itself, never a record; the emitters stay free of mail code (../domain-events.ts).
 */
import { type ApplianceContext } from '../context.js';
import { mailUser } from './send-to-user.js';

export function installSecurityNotices(ctx: ApplianceContext): void {
  ctx.domain.on('password.changed', async ({ userId }) => {
    await mailUser(ctx, userId, 'password_changed', {});
  });
  ctx.domain.on('two_factor.changed', async ({ userId, change }) => {
    const kind =
      change === 'enabled'
        ? 'two_factor_enabled'
        : change === 'disabled' || change === 'reset_by_admin'
          ? 'two_factor_disabled'
          : change === 'switched'
            ? 'two_factor_switched'
            : 'recovery_codes_regenerated';
    await mailUser(ctx, userId, kind, {});
  });
  ctx.domain.on('email.changed', async ({ userId, oldEmail, newEmail }) => {
    const vars = { old_email: oldEmail, new_email: newEmail };
    await mailUser(ctx, userId, 'email_changed', vars, newEmail);
    if (oldEmail && oldEmail.toLowerCase() !== newEmail.toLowerCase())
      await mailUser(ctx, userId, 'email_changed', vars, oldEmail);
  });
  ctx.domain.on('passkey.changed', async ({ userId, change, name }) => {
    if (change === 'renamed') return;
    const kind =
      change === 'registered' ? 'passkey_added' : change === 'deleted' ? 'passkey_removed' : 'passkey_flagged';
    await mailUser(ctx, userId, kind, { name });
  });
}
