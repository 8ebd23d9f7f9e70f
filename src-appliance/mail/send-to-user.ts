/**
 * Mail to a technician: their address, their `preferred_email_language` (else the site default,
 * else English), their display name, the site's name and public URL.
 */
import { type ApplianceContext } from '../context.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { type MailKind, type MailVars } from './mail-texts.js';
import { enqueueMail, type OutboxMail } from './outbox.js';
import { isMailLanguage, type MailLanguage, renderMail } from './templates.js';

export async function mailLanguageFor(
  ctx: ApplianceContext,
  user: Pick<UserRow, 'preferred_email_language'>,
): Promise<MailLanguage> {
  if (isMailLanguage(user.preferred_email_language)) return user.preferred_email_language;
  const fallback = (await getSecuritySettings(ctx)).default_language;
  return isMailLanguage(fallback) ? fallback : 'en';
}

/** What a mail needs of its recipient; also a user not stored yet (stored with the mail, in one transaction). */
export type MailRecipient = Pick<
  UserRow,
  'username' | 'public_display_name' | 'email_address' | 'preferred_email_language'
>;

/**
 * Mail `kind` for the user (to `toAddress`, default their current address), rendered in their
 * language and ready to queue; null when there is no address to send to.
 */
export async function renderMailFor<K extends MailKind>(
  ctx: ApplianceContext,
  userOrId: MailRecipient | number,
  kind: K,
  vars: MailVars[K],
  toAddress?: string | null,
): Promise<OutboxMail | null> {
  const user = typeof userOrId === 'number' ? await userRepository(ctx.db).findById(userOrId) : userOrId;
  const to = toAddress === undefined ? user?.email_address : toAddress;
  if (!user || !to) {
    ctx.log.info(
      { kind, user: typeof userOrId === 'number' ? userOrId : userOrId.username },
      'no email address: mail not queued',
    );
    return null;
  }
  const language = await mailLanguageFor(ctx, user);
  const frame = {
    siteName: ctx.config.siteName,
    publicUrl: ctx.publicUrl(),
    recipientName: user.public_display_name || user.username,
  };
  return { kind, to, language, ...renderMail(kind, language, frame, vars) };
}

/** Queues mail `kind` for the user (see renderMailFor). Returns the outbox id, or null when there is no address. */
export async function mailUser<K extends MailKind>(
  ctx: ApplianceContext,
  userOrId: UserRow | number,
  kind: K,
  vars: MailVars[K],
  toAddress?: string | null,
): Promise<number | null> {
  const mail = await renderMailFor(ctx, userOrId, kind, vars, toAddress);
  return mail ? enqueueMail(ctx, mail) : null;
}
