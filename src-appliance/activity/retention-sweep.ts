/**
 * The daily retention sweep: entries older than ACTIVITY_RETENTION_DAYS are deleted. Every
 * appliance process tries hourly; the first to claim the UTC day in `activity_sweeps` (one
 * conditional UPDATE, so one process per day whichever engine and however many processes) runs
 * it, the others find the day taken and do nothing.
 */
import { ACTIVITY_RETENTION_DAYS } from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';
import { activityRepository } from './activity-repository.js';

const SWEEP_NAME = 'retention';
export const SWEEP_CHECK_INTERVAL_MS = 60 * 60_000;

/** The number of entries pruned, or null when today's sweep was claimed already. */
export async function sweepActivity(ctx: ApplianceContext): Promise<number | null> {
  const now = ctx.clock.now();
  const repo = activityRepository(ctx.db);
  if (!(await repo.claimSweep(SWEEP_NAME, now.toISOString().slice(0, 10)))) return null;
  const before = new Date(now.getTime() - ACTIVITY_RETENTION_DAYS * 24 * 60 * 60_000).toISOString();
  const pruned = await repo.pruneBefore(before);
  ctx.log.info({ pruned, before }, 'security activity: retention sweep');
  return pruned;
}

/** Runs the sweep at start and then every hour until stopped. */
export function startActivitySweeps(ctx: ApplianceContext): () => void {
  const run = () => {
    sweepActivity(ctx).catch((err: unknown) => ctx.log.error({ err }, 'security activity: retention sweep failed'));
  };
  run();
  const timer = setInterval(run, SWEEP_CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
