/**
 * Whether this node should get traffic. Draining starts with Fastify's close (preClose), which
 * SIGTERM begins (cli/serve.ts); from then on ready says 503 even on a connection still open, so
 * a load balancer that probes over keep-alive takes the node out at once.
 */
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { migrations } from '../db/migrations/index.js';
import { type ReadinessReason } from '../../src-shared/api/health.js';

const KNOWN_MIGRATIONS = Object.keys(migrations);

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
      let applied: Set<string>;
      try {
        // Kysely's own bookkeeping table: a newer node may have applied more, never fewer.
        const rows = await ctx.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        applied = new Set(rows.map((r) => (r as { name: string }).name));
      } catch {
        return 'database_unreachable';
      }
      return KNOWN_MIGRATIONS.every((m) => applied.has(m)) ? null : 'migrations_pending';
    },
  };
}
