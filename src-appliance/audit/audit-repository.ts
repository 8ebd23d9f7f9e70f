/** The audit log (`audit_log`): the only code that reads or writes it. Rows are only ever inserted. */
import { type Insertable, type Selectable } from 'kysely';
import { type Db } from '../db/engine.js';
import { defineRepository } from '../db/repository.js';
import { type AuditLogTable } from './tables.js';
import './tables.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditFilter {
  actor?: string;
  /** Exact kind, or every kind under a prefix ending in `.` (`user.`). */
  kind?: string;
  /** ISO times, inclusive start, exclusive end. */
  fromAt?: string;
  beforeAt?: string;
  /** Only rows older than this id (keyset paging, newest first). */
  beforeId?: number;
}

export const auditRepository = defineRepository((db: Db) => ({
  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await db.insertInto('audit_log').values(row).execute();
  },

  /** Newest first, at most `limit` rows matching the filter. */
  async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    let q = db.selectFrom('audit_log').selectAll();
    if (filter.actor !== undefined) q = q.where('actor_username', '=', filter.actor);
    if (filter.kind !== undefined) {
      const kind = filter.kind;
      // A prefix compares the first characters, so no LIKE wildcard from the request is interpreted.
      if (kind.endsWith('.'))
        q = q.where((eb) => eb(eb.fn('substr', ['kind', eb.val(1), eb.val(kind.length)]), '=', kind));
      else q = q.where('kind', '=', kind);
    }
    if (filter.fromAt !== undefined) q = q.where('at', '>=', filter.fromAt);
    if (filter.beforeAt !== undefined) q = q.where('at', '<', filter.beforeAt);
    if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId);
    return q.orderBy('id', 'desc').limit(limit).execute();
  },
}));
