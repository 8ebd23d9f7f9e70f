/**
 * The timeline entries that follow from the appliance's domain events: whoever changes a password,
 * an email address, two-factor authentication or a passkey, or ends sessions, emits the event
 * already; the timeline listens here instead of being called from each place.
 */
import { type ApplianceContext } from '../context.js';
import { originFrom, recordActivity, recordFailedAttempt, recordSignIn } from './record.js';
import { newDeviceNotice } from './new-device-notice.js';
import { mailQueued } from '../mail/outbox.js';

export function installActivityListeners(ctx: ApplianceContext): void {
  const { domain } = ctx;
  domain.on('signed_in', async (s) => {
    const origin = originFrom(s);
    const at = ctx.clock.now();
    const notice = await newDeviceNotice(ctx, s.userId, origin, at);
    const { noticeQueued } = await recordSignIn(
      ctx,
      s.userId,
      { method: s.method, second_factor: s.secondFactor, ...origin },
      notice,
    );
    if (noticeQueued) mailQueued(ctx);
  });
  domain.on('credential.failed', (f) => recordFailedAttempt(ctx, f.userId, f.method, originFrom(f)));
  domain.on('account.locked', ({ userId, until }) => recordActivity(ctx, userId, { kind: 'locked', data: { until } }));
  domain.on('account.unlocked', ({ userId }) =>
    recordActivity(ctx, userId, { kind: 'unlocked', data: { by: 'admin' } }),
  );
  domain.on('password.changed', ({ userId, via }) =>
    recordActivity(ctx, userId, { kind: 'password_changed', data: { via } }),
  );
  domain.on('email.changed', ({ userId }) => recordActivity(ctx, userId, { kind: 'email_changed', data: {} }));
  domain.on('two_factor.changed', ({ userId, change }) =>
    recordActivity(ctx, userId, { kind: 'two_factor_changed', data: { change } }),
  );
  domain.on('passkey.changed', ({ userId, change, name }) =>
    recordActivity(ctx, userId, { kind: 'passkey_changed', data: { change, name } }),
  );
  domain.on('sessions.ended', async ({ userId, reason, count }) => {
    // Signing out is the person's own everyday action, not news about the account.
    if (reason === 'logged_out') return;
    await recordActivity(ctx, userId, { kind: 'sessions_ended', data: { reason, count } });
  });
}
