/**
 * Creating a technician (`POST /api/admin/users`). They get a password one of two ways: an initial
 * password the policy checks, or a single-use link mailed to their address (the password-reset
 * link and page, valid SET_PASSWORD_LINK_VALID_HOURS), with which they choose their own; until
 * then the account's password is a random one nobody knows. The row, its audit lines, the link and
 * its mail are one transaction (the mail rendered before it): a crash leaves all or nothing.
 */
import crypto from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { type AdminUserCreate, SET_PASSWORD_LINK_VALID_HOURS } from '../../src-shared/api/admin.js';
import { type AuditChange } from '../../src-shared/api/audit.js';
import { type ApplianceContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { httpError } from '../http/api-error.js';
import { hashPassword } from '../auth/password-hash.js';
import { checkNewPassword } from '../account/password-change.js';
import { patchDisplayNames } from '../account/display-name-patch.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { newResetToken, storeResetToken } from '../password-reset/reset-tokens.js';
import { resetLink } from '../password-reset/reset-routes.js';
import { renderMailFor } from '../mail/send-to-user.js';
import { enqueueMailIn, mailQueued } from '../mail/outbox.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { appendAudit, diffFields, userTarget } from '../audit/audit-log.js';
import { newUser } from '../users/new-user.js';

/** Refuses a request that asks for both ways, neither, or a link without an address to send it to. */
async function checkPasswordWay(ctx: ApplianceContext, body: AdminUserCreate): Promise<'initial' | 'link'> {
  const way = body.password !== undefined ? 'initial' : 'link';
  if ((body.password !== undefined) === (body.set_password_link === true))
    throw httpError(400, 'validation_failed', 'Give either an initial password or set_password_link.', {
      field: 'password',
    });
  if (way === 'link' && !body.email_address)
    throw httpError(400, 'validation_failed', 'A set-password link needs the email address to send it to.', {
      field: 'email_address',
    });
  if (way === 'link' && !(await getSecuritySettings(ctx)).password_reset_enabled)
    throw httpError(
      409,
      'password_reset_disabled',
      'Set-password links use password reset, which is turned off on this site. Give an initial password instead.',
    );
  if (way === 'initial') await checkNewPassword(ctx, body, body.password!, null);
  return way;
}

export async function createUser(
  ctx: ApplianceContext,
  request: FastifyRequest,
  body: AdminUserCreate,
): Promise<UserRow> {
  if (await userRepository(ctx.db).findByUsername(body.username))
    throw httpError(409, 'username_taken', 'That username is taken.');
  const way = await checkPasswordWay(ctx, body);
  const names = patchDisplayNames(
    { private_display_name: body.username, public_display_name: body.username },
    { private_display_name: body.private_display_name, public_display_name: body.public_display_name },
  );
  const password = way === 'initial' ? body.password! : crypto.randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const fields = {
    username: body.username,
    ...names,
    email_address: body.email_address?.trim() ?? null,
    enabled: 1,
    is_admin: body.is_admin ? 1 : 0,
    two_factor_required: body.two_factor_required ? 1 : 0,
    extended_availability_allowed: body.extended_availability_allowed ? 1 : 0,
    // Who chooses their own password from the link has nothing to change at the first sign-in.
    password_change_required: way === 'initial' && body.password_change_required ? 1 : 0,
  };
  const hash = await hashPassword(ctx.passwordHashCost, password);
  const token = way === 'link' ? newResetToken() : null;
  // Rendered for the account as it is about to be stored (no language of its own yet).
  const mail = token
    ? await renderMailFor(ctx, { ...fields, preferred_email_language: null }, 'set_password', {
        link: resetLink(ctx, token),
        valid_hours: SET_PASSWORD_LINK_VALID_HOURS,
        username: fields.username,
      })
    : null;
  const id = await inTransaction(ctx.db, async (trx) => {
    const created = await userRepository(trx).insert(newUser({ ...fields, password_hash: hash }, now.toISOString()));
    // Thrown, so the transaction ends here (on PostgreSQL the refused INSERT has aborted it).
    if (created === null) throw httpError(409, 'username_taken', 'That username is taken.');
    const target = userTarget({ id: created, username: body.username });
    await appendAudit(trx, request, { kind: 'user.created', target, changes: creationChanges(fields, way) }, now);
    if (way === 'link')
      await appendAudit(
        trx,
        request,
        {
          kind: 'user.set_password_link_sent',
          target,
          changes: { set_password_link: { old: null, new: fields.email_address } },
        },
        now,
      );
    if (token && mail) {
      await storeResetToken(ctx, trx, created, token, SET_PASSWORD_LINK_VALID_HOURS);
      await enqueueMailIn(ctx, trx, mail);
    }
    return created;
  });
  if (mail) mailQueued(ctx);
  return (await userRepository(ctx.db).findById(id))!;
}

/** What a new account starts with, as audit changes from nothing (a password only as "set"). */
function creationChanges(fields: Record<string, string | number | null>, way: 'initial' | 'link') {
  const shown = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, typeof v === 'number' && k !== 'username' ? v === 1 : v]),
  );
  const changes: Record<string, AuditChange> = diffFields({}, shown);
  if (way === 'initial') changes.password = { old: null, new: '[redacted]' };
  return changes;
}
