/**
 * The audit log as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the
 * umlauts). Every cell is quoted, and a cell a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, as OWASP advises against
 * CSV injection: a display name like `=HYPERLINK(...)` stays text.
 */
import { type AuditEntry } from '../../src-shared/api/audit.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export const CSV_HEADER = ['id', 'time', 'actor', 'kind', 'target', 'changes', 'ip'];

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const csvLine = (cells: Array<string | number | null>): string => `${cells.map(csvCell).join(',')}\r\n`;

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

export function auditCsvLine(e: AuditEntry): string {
  const changes = Object.entries(e.changes)
    .map(([field, c]) => `${field}: ${show(c.old)} → ${show(c.new)}`)
    .join('; ');
  const target = e.target_label ? `${e.target} (${e.target_label})` : e.target;
  return csvLine([e.id, e.at, e.actor_username, e.kind, target, changes, e.ip]);
}
