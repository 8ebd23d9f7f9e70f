/**
 * `GET /api/account/activity` (the signed-in person's own timeline) and
 * `GET /api/admin/users/{id}/activity` (any user's, for administrators). Paged newest first with
 * an opaque cursor: the `next_cursor` of the page before.
 */
import { ActivityPage, ActivityQuery } from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { requireAdmin, requireSession } from '../auth/session-guard.js';
import { UserIdParams, userById } from '../users/user-by-id.js';
import { activityPage } from './activity-page.js';

export function registerActivityRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.get(
    '/api/account/activity',
    {
      schema: {
        tags: ['account'],
        summary: 'The security activity of this account (last 90 days, newest first).',
        querystring: ActivityQuery,
        response: { 200: ActivityPage, ...errorResponses(400, 401, 403) },
      },
      preHandler: requireSession(ctx),
    },
    async (request) => activityPage(ctx, request.session!.userId, request.query),
  );

  app.get(
    '/api/admin/users/:id/activity',
    {
      schema: {
        tags: ['admin'],
        summary: "A user's security activity (last 90 days, newest first).",
        params: UserIdParams,
        querystring: ActivityQuery,
        response: { 200: ActivityPage, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      return activityPage(ctx, user.id, request.query);
    },
  );
}
