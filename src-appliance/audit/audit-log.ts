/**
 * Appending to the audit log: the one function every administrative route calls after (or, better,
 * inside the transaction of) its change. Values of fields that hold secrets are never stored:
 * `"[redacted]"` says that they changed.
 *
 *   await appendAudit(trx, request, { kind: 'user.updated', target: userTarget(user),
 *     changes: diffFields(before, after) }, ctx.clock.now());
 */
import { type FastifyRequest } from 'fastify';
import { type AuditChange } from '../../src-shared/api/audit.js';
import { type Db } from '../db/engine.js';
import { auditRepository } from './audit-repository.js';

export const REDACTED = '[redacted]';
/**
 * Field names whose values are secrets: a password itself, hashes, tokens, keys, client secrets,
 * TOTP secrets, recovery codes (`min_password_length` or `password_change_required` are not).
 */
const SECRET_FIELD =
  /^(password|new_password|current_password|initial_password)$|(hash|secret|token|_key|recovery_codes)$/i;

export interface AuditTarget {
  /** `user:12`, `security`, `release:windows/1.2.3` */
  target: string;
  /** The name a person recognises (the username), copied in at the time. */
  label?: string | null;
}

export interface AuditAppend {
  kind: string;
  target?: AuditTarget | null;
  changes?: Record<string, AuditChange>;
}

/** The admin's session on the request, and the client's address. */
interface AuditedRequest {
  session: FastifyRequest['session'];
  ip: string;
}

export async function appendAudit(db: Db, request: AuditedRequest, entry: AuditAppend, now: Date): Promise<void> {
  const user = request.session?.user;
  await auditRepository(db).insert({
    at: now.toISOString(),
    actor_id: user?.id ?? null,
    actor_username: user?.username ?? null,
    kind: entry.kind,
    target: entry.target?.target ?? null,
    target_label: entry.target?.label ?? null,
    changes: JSON.stringify(redact(entry.changes ?? {})),
    ip: request.ip || null,
  });
}

export const userTarget = (user: { id: number; username: string }): AuditTarget => ({
  target: `user:${user.id}`,
  label: user.username,
});

/**
 * The fields of `after` whose value differs from `before` (deep, by JSON), as `{old, new}`.
 * Pass only the fields the change could touch.
 */
export function diffFields(before: object, after: object): Record<string, AuditChange> {
  const changes: Record<string, AuditChange> = {};
  const b = before as Record<string, unknown>;
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(b[field]) !== JSON.stringify(value)) changes[field] = { old: b[field] ?? null, new: value };
  }
  return changes;
}

function redact(changes: Record<string, AuditChange>): Record<string, AuditChange> {
  const out: Record<string, AuditChange> = {};
  for (const [field, change] of Object.entries(changes)) {
    out[field] = SECRET_FIELD.test(field)
      ? { old: change.old == null ? null : REDACTED, new: change.new == null ? null : REDACTED }
      : change;
  }
  return out;
}
