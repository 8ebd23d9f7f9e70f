/**
 * The new-device notice: a sign-in from a device (client, browser, OS and IP) the user has not
 * signed in from in the last 90 days mails them in their language, with links to the timeline and
 * to their sessions (not the account's very first sign-in). The site turns it off with `new_device_sign_in_notice` in /api/admin/security.
 */
import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { mailLanguageFor, renderMailFor } from '../mail/send-to-user.js';
import { type OutboxMail } from '../mail/outbox.js';
import { userRepository } from '../users/user-repository.js';
import { type Origin } from './record.js';

/**
 * The notice for a sign-in from `origin`, rendered before the sign-in is recorded: recordSignIn
 * queues it in the same transaction when the device turns out to be new, so a device is never
 * stored as known without its notice. Null when the site turned notices off or there is no address.
 */
export async function newDeviceNotice(
  ctx: ApplianceContext,
  userId: number,
  origin: Origin,
  at: Date,
): Promise<OutboxMail | null> {
  if (!(await getSecuritySettings(ctx)).new_device_sign_in_notice) return null;
  const user = await userRepository(ctx.db).findById(userId);
  if (!user?.email_address) return null;
  const language = await mailLanguageFor(ctx, user);
  const when =
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';
  const device = [origin.browser, origin.os].filter(Boolean).join(', ');
  return renderMailFor(ctx, user, 'new_device_sign_in', {
    when,
    client: origin.client,
    console_version: origin.console_version,
    device,
    ip: origin.ip,
  });
}
