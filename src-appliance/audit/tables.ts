/** Kysely table type of the audit log (SQL in db/migrations/501-audit-log.ts). */
import { type Generated } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  kind: string;
  target: string | null;
  target_label: string | null;
  /** JSON `{field: {old, new}}`. */
  changes: string;
  ip: string | null;
}

declare module '../db/schema.js' {
  interface DatabaseSchema {
    audit_log: AuditLogTable;
  }
}
