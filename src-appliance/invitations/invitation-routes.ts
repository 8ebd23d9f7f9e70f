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
import { findUserById, findUserByUsername } from '../users/user-store.js';
import { mailUser } from '../mail/send-to-user.js';

export function invitationLink(ctx: ApplianceContext, id: string): string {
  return `${ctx.publicUrl()}/console/#/invitations/${id}`;
}

/**
 * Of these console sessions, those that may work: a session that must first change its password or
 * enrol 2FA holds its event socket (for session.revoked), but cannot take an invitation.
 */
function usableConsoleSessions(ctx: ApplianceContext, sessionIds: string[]): string[] {
  if (sessionIds.length === 0) return [];
  const rows = ctx.sqlite
    .prepare(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id IN (SELECT value FROM json_each(?)) AND s.restriction IS NULL AND u.password_change_required = 0`,
    )
    .all(JSON.stringify(sessionIds)) as { id: string }[];
  return rows.map((r) => r.id);
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
      const from = (await findUserById(ctx, request.session!.userId))!;
      const to = await findUserByUsername(ctx, request.body.to_username);
      if (!to) throw httpError(404, 'not_found', 'No technician has this username.');
      if (to.id === from.id) throw httpError(400, 'bad_request', 'You cannot invite yourself.');
      const message = request.body.message?.trim() || null;
      const id = crypto.randomBytes(12).toString('base64url');
      const link = invitationLink(ctx, id);

      let deliveredBy: 'console' | 'email';
      const consoles = to.enabled ? usableConsoleSessions(ctx, ctx.events.consoleSessionIds(to.id)) : [];
      if (consoles.length > 0) {
        ctx.events.toSessions(consoles, {
          type: 'invitation',
          data: { id, from_username: from.username, from_display_name: from.private_display_name, message, link },
        });
        deliveredBy = 'console';
      } else if (
        to.enabled &&
        to.extended_availability_allowed &&
        to.extended_availability_enabled &&
        to.email_address
      ) {
        await mailUser(ctx, to, 'invitation', { from_name: from.private_display_name, message, link });
        deliveredBy = 'email';
      } else {
        throw httpError(
          409,
          'representative_unavailable',
          `${to.username} has no console connected and extended availability is off.`,
        );
      }
      ctx.sqlite
        .prepare(
          'INSERT INTO invitations (id, from_user_id, to_user_id, message, delivered_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, from.id, to.id, message, deliveredBy, ctx.clock.now().toISOString());
      return reply.status(201).send({ id, delivered_by: deliveredBy });
    },
  );
}
