/**
 * Where one user has access, for an administrator: the update tokens of their console installs
 * (`GET /api/admin/users/{id}/update-tokens`; revoked with `DELETE /api/admin/update-tokens/{id}`)
 * and ending one of their sessions (`DELETE /api/admin/users/{id}/sessions/{session}`, in the
 * audit log). Their session list and "end all" are in ./user-action-routes.ts.
 */
import Type from 'typebox';
import { SessionId } from '../../src-shared/api/account.js';
import { UpdateTokenList } from '../../src-shared/api/updates.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { endSession } from '../auth/sessions.js';
import { listUpdateTokens } from '../console-releases/token-store.js';
import { appendAudit, userTarget } from '../audit/audit-log.js';
import { UserIdParams, userById } from '../users/user-by-id.js';

export function registerUserAccessRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;

  app.get(
    '/api/admin/users/:id/update-tokens',
    {
      schema: {
        tags: ['admin', 'updates'],
        summary: "The update tokens of the user's console installs, newest first",
        security,
        params: UserIdParams,
        response: { 200: UpdateTokenList, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: admin,
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      // Usernames are unique (case-insensitively); a token whose owner was deleted names nobody.
      const owner = user.username.toLowerCase();
      return { items: (await listUpdateTokens(ctx.db)).filter((t) => t.username?.toLowerCase() === owner) };
    },
  );

  app.delete(
    '/api/admin/users/:id/sessions/:session',
    {
      schema: {
        tags: ['admin'],
        summary: 'Ends one session of the user',
        security,
        params: Type.Object({ id: UserIdParams.properties.id, session: SessionId }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const user = await userById(ctx.db, request.params.id);
      if (!(await endSession(ctx, user.id, request.params.session, 'ended_by_admin')))
        throw httpError(404, 'not_found', 'This user has no such session.');
      await appendAudit(
        ctx.db,
        request,
        { kind: 'user.session_ended', target: userTarget(user), changes: { sessions: { old: 1, new: 0 } } },
        ctx.clock.now(),
      );
      return reply.status(204).send(null);
    },
  );
}
