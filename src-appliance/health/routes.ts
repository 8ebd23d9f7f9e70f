import { Liveness, Readiness } from '../../src-shared/api/health.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { errorResponses } from '../http/schema-helpers.js';
import { trackReadiness } from './readiness.js';

const MESSAGES = {
  draining: 'This node is shutting down; use another.',
  database_unreachable: 'The database does not answer.',
  migrations_pending: 'The database lacks migrations this node needs.',
} as const;

export function registerHealthRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const readiness = trackReadiness(app, ctx);

  app.get(
    '/api/health/live',
    { schema: { tags: ['health'], summary: 'The process answers.', response: { 200: Liveness } } },
    async () => ({ status: 'live' as const }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Ready for traffic: database reachable, migrations applied, not draining.',
        response: { 200: Readiness, ...errorResponses(503) },
      },
    },
    async () => {
      const reason = await readiness.check();
      if (reason) throw httpError(503, 'not_ready', MESSAGES[reason], { reason });
      return { status: 'ready' as const };
    },
  );
}
