/**
 * Management > Audit log: `GET /api/admin/audit` (filtered, newest first, keyset pages) and
 * `GET /api/admin/audit/export` (the same filter as CSV). There is no route that changes or
 * deletes a line: the log is append-only through the API (./audit-log.ts appends).
 */
import { Readable } from 'node:stream';
import { AuditPage, AuditQuery, type AuditEntry } from '../../src-shared/api/audit.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { auditRepository, type AuditFilter, type AuditRow } from './audit-repository.js';
import { CSV_HEADER, auditCsvLine, csvLine } from './audit-csv.js';

const PAGE_SIZE = 50;
const EXPORT_BATCH = 500;
/** An export stops here; the filter narrows a bigger log. */
export const EXPORT_MAX_ROWS = 100_000;

export function registerAuditRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;

  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      const filter = filterOf(request.query);
      const rows = await auditRepository(ctx.db).list(filter, PAGE_SIZE + 1);
      const page = rows.slice(0, PAGE_SIZE).map(entryOf);
      return { entries: page, next_cursor: rows.length > PAGE_SIZE ? String(page.at(-1)!.id) : null };
    },
  );

  app.get(
    '/api/admin/audit/export',
    {
      schema: {
        tags: ['admin'],
        security,
        summary: 'The filtered audit log as CSV (text/csv, UTF-8)',
        querystring: AuditQuery,
        response: errorResponses(400, 401, 403),
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const filter = filterOf(request.query);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-log-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(csvLines(ctx, filter)));
    },
  );
}

async function* csvLines(ctx: ApplianceContext, filter: AuditFilter): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(CSV_HEADER)}`;
  let beforeId = filter.beforeId;
  for (let sent = 0; sent < EXPORT_MAX_ROWS;) {
    const rows = await auditRepository(ctx.db).list({ ...filter, beforeId }, EXPORT_BATCH);
    if (rows.length === 0) return;
    yield rows.map((r) => auditCsvLine(entryOf(r))).join('');
    sent += rows.length;
    beforeId = rows.at(-1)!.id;
  }
}

function dayStart(date: string, field: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date)
    throw httpError(400, 'validation_failed', `${field} is not a calendar date.`, { field });
  return d.toISOString();
}

function filterOf(q: AuditQuery): AuditFilter {
  // Checked before the export starts streaming: a database refusal then could only cut the download.
  for (const field of ['actor', 'kind'] as const)
    if (q[field]?.includes('\u0000'))
      throw httpError(400, 'invalid_text', `${field} holds a NUL character.`, { field });
  const filter: AuditFilter = {};
  if (q.actor !== undefined) filter.actor = q.actor.trim();
  if (q.kind !== undefined) filter.kind = q.kind;
  if (q.from !== undefined) filter.fromAt = dayStart(q.from, 'from');
  if (q.to !== undefined) {
    const end = new Date(dayStart(q.to, 'to'));
    end.setUTCDate(end.getUTCDate() + 1);
    filter.beforeAt = end.toISOString();
  }
  if (filter.fromAt && filter.beforeAt && filter.fromAt >= filter.beforeAt)
    throw httpError(400, 'validation_failed', 'from must not be after to.', { field: 'from' });
  if (q.cursor !== undefined) filter.beforeId = Number(q.cursor);
  return filter;
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor_id: row.actor_id,
    actor_username: row.actor_username,
    kind: row.kind,
    target: row.target,
    target_label: row.target_label,
    changes: JSON.parse(row.changes) as AuditEntry['changes'],
    ip: row.ip,
  };
}
