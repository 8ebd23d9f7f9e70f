/**
 * `POST /api/invitations`: a technician invites a colleague to share a session. Delivered over the
 * colleague's event sockets when a console of theirs is connected (an unrestricted console session:
 * only those sockets get it); otherwise by mail when their
 * extended availability is on (and allowed); otherwise `409 representative_unavailable`.
 */
import crypto from 'node:crypto';
import { InvitationRequest, InvitationResult } from '../../src-shared/api/invitations.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { requireSession } from '../auth/session-guard.js';
import { userRepository } from '../users/user-repository.js';
import { sessionRepository } from '../auth/session-repository.js';
import { invitationRepository } from './invitation-repository.js';
import { renderMailFor } from '../mail/send-to-user.js';
import { enqueueMailIn, mailQueued, type OutboxMail } from '../mail/outbox.js';
import { inTransaction } from '../db/transaction.js';

export function invitationLink(ctx: ApplianceContext, id: string): string {
  return `${ctx.publicUrl()}/console/#/invitations/${id}`;
}

/**
 * Of these console sessions, those that may work: a session that must first change its password or
 * enrol 2FA holds its event socket (for session.revoked), but cannot take an invitation.
 */
async function usableConsoleSessions(
  ctx: ApplianceContext,
  to: { password_change_required: number },
  sessionIds: string[],
): Promise<string[]> {
  if (sessionIds.length === 0 || to.password_change_required) return [];
  return sessionRepository(ctx.db).unrestrictedAmong(sessionIds);
}

export function registerInvitationRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.post(
    '/api/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite a colleague to share a session.',
        body: InvitationRequest,
        response: { 201: InvitationResult, ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireSession(ctx),
    },
    async (request, reply) => {
      const users = userRepository(ctx.db);
      const from = (await users.findById(request.session!.userId))!;
      const to = await users.findByUsername(request.body.to_username);
      if (!to) throw httpError(404, 'not_found', 'No technician has this username.');
      if (to.id === from.id) throw httpError(400, 'bad_request', 'You cannot invite yourself.');
      const message = request.body.message?.trim() || null;
      const id = crypto.randomBytes(12).toString('base64url');
      const link = invitationLink(ctx, id);

      let deliveredBy: 'console' | 'email';
      let mail: OutboxMail | null = null;
      const consoles = to.enabled ? await usableConsoleSessions(ctx, to, ctx.events.consoleSessionIds(to.id)) : [];
      if (consoles.length > 0) {
        deliveredBy = 'console';
      } else if (
        to.enabled &&
        to.extended_availability_allowed &&
        to.extended_availability_enabled &&
        to.email_address
      ) {
        mail = await renderMailFor(ctx, to, 'invitation', { from_name: from.private_display_name, message, link });
        deliveredBy = 'email';
      } else {
        throw httpError(
          409,
          'representative_unavailable',
          `${to.username} has no console connected and extended availability is off.`,
        );
      }
      // The invitation and its mail in one transaction: a crash leaves both or neither.
      await inTransaction(ctx.db, async (trx) => {
        if (mail) await enqueueMailIn(ctx, trx, mail);
        await invitationRepository(trx).insert({
          id,
          from_user_id: from.id,
          to_user_id: to.id,
          message,
          delivered_by: deliveredBy,
          created_at: ctx.clock.now().toISOString(),
        });
      });
      if (mail) mailQueued(ctx);
      else
        ctx.events.toSessions(consoles, {
          type: 'invitation',
          data: { id, from_username: from.username, from_display_name: from.private_display_name, message, link },
        });
      return reply.status(201).send({ id, delivered_by: deliveredBy });
    },
  );
}
