/**
 * Whether this node should get traffic. Draining starts with Fastify's close (preClose), which
 * SIGTERM begins (cli/serve.ts); from then on ready says 503 even on a connection still open, so
 * a load balancer that probes over keep-alive takes the node out at once.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { pendingMigrations } from '../db/migration-status.js';
import { type ReadinessReason } from '../../src-shared/api/health.js';

export interface Readiness {
  /** null when ready, else why not. */
  check(): Promise<ReadinessReason | null>;
}

export function trackReadiness(app: ApplianceApp, ctx: ApplianceContext): Readiness {
  let draining = false;
  app.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  return {
    async check() {
      if (draining) return 'draining';
      let pending: string[];
      try {
        pending = await pendingMigrations(ctx.db);
      } catch {
        return 'database_unreachable';
      }
      return pending.length === 0 ? null : 'migrations_pending';
    },
  };
}
