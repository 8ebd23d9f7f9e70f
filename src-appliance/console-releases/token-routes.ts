/**
 * `POST /api/console/update-token` (console sessions only) and the admin's list and revoke:
 * `GET /api/admin/update-tokens`, `DELETE /api/admin/update-tokens/{id}`.
 */
import Type from 'typebox';
import { type ApplianceApp } from '../http/app-type.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { currentSession, requireAdmin, requireSession } from '../auth/session-guard.js';
import { UpdateTokenList, UpdateTokenRequest, UpdateTokenResponse } from '../../src-shared/api/updates.js';
import { issueUpdateToken, listUpdateTokens, revokeUpdateToken } from './token-store.js';
import { recordActivity } from '../activity/record.js';
import { appendAudit } from '../audit/audit-log.js';
import { userRepository } from '../users/user-repository.js';

export function registerTokenRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.post(
    '/api/console/update-token',
    {
      schema: {
        tags: ['updates'],
        summary: 'Issue the update token of this console install (rotates a previous one)',
        security: [{ bearer: [] }],
        body: UpdateTokenRequest,
        response: { 200: UpdateTokenResponse },
      },
      preHandler: requireSession(ctx),
    },
    async (request) => {
      const session = currentSession(request);
      if (session.client !== 'console') {
        throw httpError(403, 'console_client_required', 'Only the desktop console can obtain an update token.');
      }
      // A session that logged in with an install id may only ask for that install's token.
      if (session.installId && session.installId !== request.body.install_id) {
        throw httpError(403, 'forbidden', 'The install id does not match the one this session logged in with.');
      }
      // Without one, it may only start a token for an install that has none: it cannot rotate another's.
      const token = await issueUpdateToken(ctx.db, request.body.install_id, session.userId, ctx.clock.now(), {
        rotate: session.installId !== null,
      });
      if (!token)
        throw httpError(
          403,
          'forbidden',
          'This session signed in without an install id, so it cannot replace the update token of an install.',
        );
      request.log.info({ installId: request.body.install_id, userId: session.userId }, 'update token issued');
      await recordActivity(ctx, session.userId, {
        kind: 'update_token_issued',
        data: { install_id: request.body.install_id },
      });
      return { update_token: token };
    },
  );

  app.get(
    '/api/admin/update-tokens',
    {
      schema: {
        tags: ['updates', 'admin'],
        summary: 'Update tokens of console installs',
        response: { 200: UpdateTokenList },
      },
      preHandler: requireAdmin(ctx),
    },
    async () => ({ items: await listUpdateTokens(ctx.db) }),
  );

  app.delete(
    '/api/admin/update-tokens/:id',
    {
      schema: {
        tags: ['updates', 'admin'],
        summary: 'Revoke an update token (the console gets a new one at its next login)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
      },
      preHandler: requireAdmin(ctx),
    },
    async (request, reply) => {
      const token = (await listUpdateTokens(ctx.db)).find((t) => t.id === request.params.id);
      if (!(await revokeUpdateToken(ctx.db, request.params.id, ctx.clock.now()))) {
        throw httpError(404, 'not_found', 'No such update token.');
      }
      if (token && !token.revoked_at)
        await appendAudit(
          ctx.db,
          request,
          {
            kind: 'update_token.revoked',
            target: {
              target: `update_token:${token.id}`,
              label: token.username ? `${token.install_id} (${token.username})` : token.install_id,
            },
            changes: { revoked_at: { old: null, new: ctx.clock.now().toISOString() } },
          },
          ctx.clock.now(),
        );
      const owner =
        token && !token.revoked_at && token.username
          ? await userRepository(ctx.db).findByUsername(token.username)
          : null;
      if (owner)
        await recordActivity(ctx, owner.id, {
          kind: 'update_token_revoked',
          data: { install_id: token!.install_id, reason: 'admin' },
        });
      return reply.status(204).send();
    },
  );
}
