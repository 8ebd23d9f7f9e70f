/**
 * What an admin does to one user beyond editing fields: reset their two-factor authentication,
 * end all their sessions (their update tokens with them), and see where they are signed in. Each is appended to the audit log.
 */
import { SessionList } from '../../src-shared/api/account.js';
import { AdminUser, SessionsEnded } from '../../src-shared/api/admin.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { endSessions } from '../auth/sessions.js';
import { revokeUpdateTokensOf } from '../console-releases/owner-revocation.js';
import { sessionRepository } from '../auth/session-repository.js';
import { disableTwoFactor, isTwoFactorEnabled } from '../two-factor/two-factor-store.js';
import { appendAudit, userTarget } from '../audit/audit-log.js';
import { buildAdminUser } from './user-view.js';
import { UserIdParams, userById } from '../users/user-by-id.js';

export function registerUserActionRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;

  app.post(
    '/api/admin/users/:id/two-factor/reset',
    {
      schema: {
        tags: ['admin'],
        summary:
          "Removes the user's authenticator app and recovery codes; they enrol again at their next sign-in if 2FA is required",
        security,
        params: UserIdParams,
        response: { 200: AdminUser, ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: admin,
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      if (!(await isTwoFactorEnabled(ctx, user.id)))
        throw httpError(409, 'two_factor_not_enabled', 'This user has no two-factor authentication to reset.');
      await disableTwoFactor(ctx, user.id);
      await appendAudit(
        ctx.db,
        request,
        {
          kind: 'user.two_factor_reset',
          target: userTarget(user),
          changes: { two_factor_enabled: { old: true, new: false } },
        },
        ctx.clock.now(),
      );
      ctx.domain.emit('two_factor.changed', { userId: user.id, change: 'reset_by_admin' });
      ctx.domain.emit('account.changed', { userId: user.id });
      return buildAdminUser(ctx, user);
    },
  );

  app.get(
    '/api/admin/users/:id/sessions',
    {
      schema: {
        tags: ['admin'],
        security,
        params: UserIdParams,
        response: { 200: SessionList, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: admin,
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      const rows = await sessionRepository(ctx.db).listForUser(user.id);
      return { sessions: rows.map((r) => ({ ...r, current: r.id === request.session!.id })) };
    },
  );

  app.post(
    '/api/admin/users/:id/sessions/end',
    {
      schema: {
        tags: ['admin'],
        summary: "Ends every session of the user (an admin's own current session is kept)",
        security,
        params: UserIdParams,
        response: { 200: SessionsEnded, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: admin,
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      const ended = await endSessions(ctx, user.id, { except: request.session!.id, reason: 'ended_by_admin' });
      const tokens = await revokeUpdateTokensOf(ctx, user.id, 'admin');
      const changes = {
        sessions: { old: ended.length, new: 0 },
        ...(tokens > 0 ? { update_tokens: { old: tokens, new: 0 } } : {}),
      };
      await appendAudit(
        ctx.db,
        request,
        { kind: 'user.sessions_ended', target: userTarget(user), changes },
        ctx.clock.now(),
      );
      return { ended: ended.length };
    },
  );
}
