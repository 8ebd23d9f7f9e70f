/**
 * Security activity: what happened to an account (sign-ins, failed attempts, lockouts, changes of
 * password, email, two-factor and passkeys, ended sessions, update tokens), as stable kinds with
 * data. Nothing here is prose: each console renders an entry in the reader's language from its
 * kind and data, so a stored entry reads right in German and English, and after a text changes.
 */
import Type, { type Static } from 'typebox';
import { Nullable } from './common.js';
import { SecondFactorMethod } from './passkeys.js';

/** How long entries are kept and shown; older ones are pruned daily. */
export const ACTIVITY_RETENTION_DAYS = 90;
/** Failed attempts with the same method from the same IP within this long of the group's first are one entry. */
export const FAILED_ATTEMPT_GROUP_MINUTES = 60;
export const ACTIVITY_PAGE_DEFAULT = 25;
export const ACTIVITY_PAGE_MAX = 100;

/** What proved the person at sign-in: a password, a passkey alone, a web session approving the desktop console, later SSO. */
export const SignInMethod = Type.Union([
  Type.Literal('password'),
  Type.Literal('passkey'),
  Type.Literal('browser'),
  Type.Literal('sso'),
]);
export type SignInMethod = Static<typeof SignInMethod>;

/** The credential a failed attempt presented. */
export const FailedMethod = Type.Union([
  Type.Literal('password'),
  Type.Literal('totp'),
  Type.Literal('recovery_code'),
  Type.Literal('passkey'),
]);
export type FailedMethod = Static<typeof FailedMethod>;

export const ActivityClient = Type.Union([Type.Literal('web'), Type.Literal('console')]);
export type ActivityClient = Static<typeof ActivityClient>;

/** Where a request came from: the client, its version (desktop console), the IP and a browser/OS summary of the user agent. */
const Origin = {
  client: ActivityClient,
  console_version: Nullable(Type.String()),
  ip: Type.String(),
  /** e.g. "Chrome 131", "Firefox 133", "Electron 39"; null when the user agent says nothing known. */
  browser: Nullable(Type.String()),
  /** e.g. "Windows", "macOS", "Linux", "Android", "iOS". */
  os: Nullable(Type.String()),
};

const entry = <K extends string, D extends Type.TProperties>(kind: K, data: D) =>
  Type.Object({ kind: Type.Literal(kind), data: Type.Object(data) });

export const ActivityEntry = Type.Union([
  entry('sign_in', {
    method: SignInMethod,
    second_factor: Nullable(SecondFactorMethod),
    ...Origin,
    /** No sign-in from this client and IP in the last 90 days (the new-device notice was due). */
    new_device: Type.Boolean(),
  }),
  /** One entry per method and IP within FAILED_ATTEMPT_GROUP_MINUTES: `count` attempts from `at` to `last_at`. */
  entry('sign_in_failed', { method: FailedMethod, ...Origin, count: Type.Integer(), last_at: Type.String() }),
  /** `until` null: until an administrator unlocks the account. */
  entry('locked', { until: Nullable(Type.String()) }),
  entry('unlocked', { by: Type.Union([Type.Literal('admin')]) }),
  entry('password_changed', {
    via: Type.Union([Type.Literal('account'), Type.Literal('reset'), Type.Literal('admin')]),
  }),
  entry('email_changed', {}),
  entry('two_factor_changed', {
    change: Type.Union([
      Type.Literal('enabled'),
      Type.Literal('disabled'),
      Type.Literal('switched'),
      Type.Literal('recovery_codes_regenerated'),
      Type.Literal('reset_by_admin'),
    ]),
  }),
  entry('passkey_changed', {
    change: Type.Union([
      Type.Literal('registered'),
      Type.Literal('renamed'),
      Type.Literal('deleted'),
      Type.Literal('flagged'),
    ]),
    name: Type.String(),
  }),
  /** `reason` is the session.revoked reason; `count` how many sessions ended at once. */
  entry('sessions_ended', { reason: Type.String(), count: Type.Integer() }),
  entry('update_token_issued', { install_id: Nullable(Type.String()) }),
  entry('update_token_revoked', { install_id: Nullable(Type.String()), reason: Type.String() }),
]);
export type ActivityEntry = Static<typeof ActivityEntry>;
export type ActivityKind = ActivityEntry['kind'];
export type ActivityData<K extends ActivityKind> = Extract<ActivityEntry, { kind: K }>['data'];

export const ActivityItem = Type.Intersect([Type.Object({ id: Type.String(), at: Type.String() }), ActivityEntry]);
export type ActivityItem = { id: string; at: string } & ActivityEntry;

/** `GET /api/account/activity`, `GET /api/admin/users/{id}/activity`: newest first. */
export const ActivityPage = Type.Object({
  items: Type.Array(ActivityItem),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  next_cursor: Nullable(Type.String()),
});
export type ActivityPage = Static<typeof ActivityPage>;

export const ActivityCursor = Type.String({ pattern: '^[1-9][0-9]{0,15}$' });

export const ActivityQuery = Type.Object(
  {
    cursor: Type.Optional(ActivityCursor),
    /** 1 to ACTIVITY_PAGE_MAX (a query string: decimal digits). */
    limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$' })),
  },
  { additionalProperties: false },
);
export type ActivityQuery = Static<typeof ActivityQuery>;

/** ConsoleApi.listActivity: the page after `cursor` (the first page without one). */
export const ActivityPageCall = Type.Object({ cursor: Type.Optional(ActivityCursor) }, { additionalProperties: false });
export type ActivityPageCall = Static<typeof ActivityPageCall>;

/** `GET /api/admin/security/overview?days=`: 1 to ACTIVITY_RETENTION_DAYS (decimal digits), 30 when left out. */
export const SecurityOverviewQuery = Type.Object(
  { days: Type.Optional(Type.String({ pattern: '^([1-9]|[1-8][0-9]|90)$' })) },
  { additionalProperties: false },
);
export type SecurityOverviewQuery = Static<typeof SecurityOverviewQuery>;
export const SECURITY_OVERVIEW_DEFAULT_DAYS = 30;

/** One UTC day of the whole site's activity: sign-ins, failed attempts (each attempt of a group) and lockouts. */
export const SecurityOverviewDay = Type.Object({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  sign_ins: Type.Integer({ minimum: 0 }),
  failed_attempts: Type.Integer({ minimum: 0 }),
  lockouts: Type.Integer({ minimum: 0 }),
});
export type SecurityOverviewDay = Static<typeof SecurityOverviewDay>;

/** Every day of the period, oldest first, today (UTC) last; days without activity are zeros. */
export const SecurityOverview = Type.Object({ days: Type.Array(SecurityOverviewDay) });
export type SecurityOverview = Static<typeof SecurityOverview>;
