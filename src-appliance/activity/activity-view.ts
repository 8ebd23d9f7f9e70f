/** A stored activity row as the API shows it (src-shared/api/activity.ts `ActivityItem`). */
import { type ActivityItem } from '../../src-shared/api/activity.js';
import { type ActivityRow } from './activity-repository.js';

export function activityItem(row: ActivityRow): ActivityItem {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  if (row.kind === 'sign_in_failed') Object.assign(data, { count: row.count, last_at: row.last_at });
  return { id: String(row.id), at: row.at, kind: row.kind, data } as ActivityItem;
}
