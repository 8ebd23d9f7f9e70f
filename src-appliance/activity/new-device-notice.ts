/**
 * The new-device notice: a sign-in from a device (client, browser, OS and IP) the user has not
 * signed in from in the last 90 days mails them in their language, with links to the timeline and
 * to their sessions (not the account's very first sign-in). The site turns it off with `new_device_sign_in_notice` in /api/admin/security.
 */
import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { mailLanguageFor, mailUser } from '../mail/send-to-user.js';
import { userRepository } from '../users/user-repository.js';
import { type Origin } from './record.js';

export async function sendNewDeviceNotice(
  ctx: ApplianceContext,
  userId: number,
  origin: Origin,
  at: Date,
): Promise<void> {
  if (!(await getSecuritySettings(ctx)).new_device_sign_in_notice) return;
  const user = await userRepository(ctx.db).findById(userId);
  if (!user) return;
  const language = await mailLanguageFor(ctx, user);
  const when =
    new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at) + ' UTC';
  const device = [origin.browser, origin.os].filter(Boolean).join(', ');
  await mailUser(ctx, user, 'new_device_sign_in', {
    when,
    client: origin.client,
    console_version: origin.console_version,
    device,
    ip: origin.ip,
  });
}
