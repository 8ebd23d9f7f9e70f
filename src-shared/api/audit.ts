/**
 * The audit log (Management > Audit log): every administrative change, who made it, when, what and
 * the old and new values. Kinds are stable dotted names (`user.updated`); the screens translate the
 * kinds they know and show any other as written.
 */
import Type, { type Static } from 'typebox';
import { Nullable } from './common.js';

/** The kinds the appliance appends today; other features add theirs with the same shape. */
export const AUDIT_KINDS = [
  'security.updated',
  'user.created',
  'user.updated',
  'user.unlocked',
  'user.two_factor_reset',
  'user.sessions_ended',
  'user.session_ended',
  'user.set_password_link_sent',
  'identity_provider.created',
  'identity_provider.updated',
  'identity_provider.deleted',
  'customer_client.updated',
  'release.published',
  'download.replaced',
  'update_token.revoked',
] as const;
export type KnownAuditKind = (typeof AUDIT_KINDS)[number];

export const AUDIT_KIND_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$';
export const AuditKind = Type.String({ pattern: AUDIT_KIND_PATTERN, maxLength: 64 });

/** One changed field: its value before and after (secrets are never stored, only `"[redacted]"`). */
export const AuditChange = Type.Object({ old: Type.Unknown(), new: Type.Unknown() });
export type AuditChange = Static<typeof AuditChange>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_id: Nullable(Type.Integer()),
  actor_username: Nullable(Type.String()),
  kind: Type.String(),
  /** What was changed: `user:12`, `security`, `release:windows/1.2.3`. */
  target: Nullable(Type.String()),
  /** Shown next to the target (the username of a changed user), as it was at the time. */
  target_label: Nullable(Type.String()),
  changes: Type.Record(Type.String(), AuditChange),
  ip: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** `GET /api/admin/audit` filters: actor username, kind (exact or a prefix ending in `.`), dates (UTC, inclusive). */
export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    kind: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_.]*$', maxLength: 64 })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

/** Newest first; `next_cursor` asks for the page after this one (null: no more). */
export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), next_cursor: Nullable(Type.String()) });
export type AuditPage = Static<typeof AuditPage>;
