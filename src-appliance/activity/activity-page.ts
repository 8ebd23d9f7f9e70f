/** One page of a person's timeline: the retention window, newest first, after the cursor. */
import {
  ACTIVITY_PAGE_DEFAULT,
  ACTIVITY_RETENTION_DAYS,
  type ActivityPage,
  type ActivityQuery,
} from '../../src-shared/api/activity.js';
import { type ApplianceContext } from '../context.js';
import { activityRepository } from './activity-repository.js';
import { activityItem } from './activity-view.js';

export async function activityPage(ctx: ApplianceContext, userId: number, query: ActivityQuery): Promise<ActivityPage> {
  // Entries recorded by listeners of events that earlier requests emitted are written first.
  await ctx.domain.settled();
  const limit = query.limit ? Number(query.limit) : ACTIVITY_PAGE_DEFAULT;
  const since = new Date(ctx.clock.now().getTime() - ACTIVITY_RETENTION_DAYS * 24 * 60 * 60_000).toISOString();
  const cursor = query.cursor ? Number(query.cursor) : null;
  // One row more than asked tells whether an older page exists.
  const rows = await activityRepository(ctx.db).page(userId, since, cursor, limit + 1);
  const items = rows.slice(0, limit).map(activityItem);
  return { items, next_cursor: rows.length > limit ? items[items.length - 1]!.id : null };
}
