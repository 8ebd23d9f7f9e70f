/** Kysely types of the security activity tables (SQL in db/migrations/005-security-activity.ts). */
import { type Generated } from 'kysely';

export interface SecurityActivityTable {
  id: Generated<number>;
  user_id: number;
  /** An ActivityKind (src-shared/api/activity.ts). */
  kind: string;
  at: string;
  /** The kind's data as JSON, without `count` and `last_at` (columns of their own). */
  data: string;
  /** Failed attempts: method and IP; rows with the same key within the group window are one entry. */
  group_key: string | null;
  /** Sign-ins: client, browser, OS and IP, for the new-device notice. */
  device_key: string | null;
  count: Generated<number>;
  last_at: string;
}

export interface ActivitySweepsTable {
  name: string;
  /** UTC date (YYYY-MM-DD) of the last run. */
  last_run_on: string;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    security_activity: SecurityActivityTable;
    activity_sweeps: ActivitySweepsTable;
  }
}
