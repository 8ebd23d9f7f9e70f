/**
 * `GET /api/admin/security/overview?days=30`: the security overview of Management > Security, the
 * whole site's sign-ins, failed attempts and lockouts per UTC day, counted by the repository.
 */
import {
  SECURITY_OVERVIEW_DEFAULT_DAYS,
  SecurityOverview,
  type SecurityOverviewDay,
  SecurityOverviewQuery,
} from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { activityRepository, type OverviewKind } from './activity-repository.js';

const DAY_MS = 86_400_000;
const FIELD: Record<OverviewKind, 'sign_ins' | 'failed_attempts' | 'lockouts'> = {
  sign_in: 'sign_ins',
  sign_in_failed: 'failed_attempts',
  locked: 'lockouts',
};

export function registerOverviewRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.get(
    '/api/admin/security/overview',
    {
      schema: {
        tags: ['admin'],
        summary: 'Sign-ins, failed attempts and lockouts of the whole site per UTC day, oldest first.',
        querystring: SecurityOverviewQuery,
        response: { 200: SecurityOverview, ...errorResponses(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const days = Number(request.query.days ?? SECURITY_OVERVIEW_DEFAULT_DAYS);
      const period = daysEndingToday(ctx.clock.now(), days);
      const counts = await activityRepository(ctx.db).countPerDay(`${period[0]!.day}T00:00:00.000Z`);
      const byDay = new Map(period.map((d) => [d.day, d]));
      for (const c of counts) {
        const entry = byDay.get(c.day);
        if (entry) entry[FIELD[c.kind]] += c.n;
      }
      return { days: period };
    },
  );
}

/** `days` empty days, the last one today (UTC). */
function daysEndingToday(now: Date, days: number): SecurityOverviewDay[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => ({
    day: new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
    sign_ins: 0,
    failed_attempts: 0,
    lockouts: 0,
  }));
}
