import Type, { type Static } from 'typebox';
import { DisplayName, NewUsername, Nullable, Password, Username } from './common.js';
import { ActivityCursor } from './activity.js';

export const AdminUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  private_display_name: Type.String(),
  public_display_name: Type.String(),
  email_address: Nullable(Type.String()),
  enabled: Type.Boolean(),
  is_admin: Type.Boolean(),
  locked_until: Nullable(Type.String()),
  locked: Type.Boolean(),
  failed_login_count: Type.Integer(),
  two_factor_required: Type.Boolean(),
  two_factor_enabled: Type.Boolean(),
  extended_availability_allowed: Type.Boolean(),
  password_change_required: Type.Boolean(),
  /** The site's only enabled administrator: the appliance refuses to demote or disable them. */
  last_admin: Type.Boolean(),
  created_at: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

/** How long a set-password link mailed to a new user works (once). */
export const SET_PASSWORD_LINK_VALID_HOURS = 72;

export const AdminUserCreate = Type.Object(
  {
    username: NewUsername,
    /** An initial password (checked by the policy), or instead `set_password_link`. */
    password: Type.Optional(Password),
    /** Mails the user a single-use link to set their own password (needs `email_address`). */
    set_password_link: Type.Optional(Type.Literal(true)),
    private_display_name: Type.Optional(DisplayName),
    public_display_name: Type.Optional(DisplayName),
    email_address: Type.Optional(Type.String({ minLength: 3, maxLength: 254, format: 'email' })),
    is_admin: Type.Optional(Type.Boolean()),
    two_factor_required: Type.Optional(Type.Boolean()),
    extended_availability_allowed: Type.Optional(Type.Boolean()),
    password_change_required: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AdminUserCreate = Static<typeof AdminUserCreate>;

export const AdminUserPatch = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    unlock: Type.Optional(Type.Literal(true)),
    is_admin: Type.Optional(Type.Boolean()),
    two_factor_required: Type.Optional(Type.Boolean()),
    extended_availability_allowed: Type.Optional(Type.Boolean()),
    password_change_required: Type.Optional(Type.Boolean()),
    email_address: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 254, format: 'email' }))),
    private_display_name: Type.Optional(DisplayName),
    public_display_name: Type.Optional(DisplayName),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdminUserPatch = Static<typeof AdminUserPatch>;
export { Username };

/** How `GET /api/admin/users` sorts: a column, descending with a leading `-`. */
export const ADMIN_USER_SORTS = ['username', '-username', 'name', '-name', 'created', '-created'] as const;
export type AdminUserSort = (typeof ADMIN_USER_SORTS)[number];

/**
 * `GET /api/admin/users?q=&sort=&cursor=`: `q` finds users whose username, display names or email
 * contain it (case-insensitive); pages of 50 in `sort` order, `cursor` is the previous page's
 * `next_cursor`.
 */
export const AdminUserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    sort: Type.Optional(
      Type.Union([
        Type.Literal('username'),
        Type.Literal('-username'),
        Type.Literal('name'),
        Type.Literal('-name'),
        Type.Literal('created'),
        Type.Literal('-created'),
      ]),
    ),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type AdminUserQuery = Static<typeof AdminUserQuery>;

export const AdminUserList = Type.Object({ users: Type.Array(AdminUser), next_cursor: Nullable(Type.String()) });
export type AdminUserList = Static<typeof AdminUserList>;

/** `POST /api/admin/users/{id}/sessions/end`: how many sessions ended (the caller's own is kept). */
export const SessionsEnded = Type.Object({ ended: Type.Integer() });
export type SessionsEnded = Static<typeof SessionsEnded>;

/** ConsoleApi arguments: a user's id, and an edit of one user. */
export const AdminUserId = Type.Integer({ minimum: 1, maximum: 9_999_999_999 });
export const AdminUserUpdateCall = Type.Object(
  { id: AdminUserId, patch: AdminUserPatch },
  { additionalProperties: false },
);
export type AdminUserUpdateCall = Static<typeof AdminUserUpdateCall>;

/** ConsoleApi.endUserSession: one session of a user, ended by an administrator. */
export const AdminUserSessionCall = Type.Object(
  { id: AdminUserId, session_id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);
export type AdminUserSessionCall = Static<typeof AdminUserSessionCall>;

/** ConsoleApi.listUserActivity: a page of a user's security activity (`cursor` from the page before). */
export const AdminUserActivityCall = Type.Object(
  { id: AdminUserId, cursor: Type.Optional(ActivityCursor) },
  { additionalProperties: false },
);
export type AdminUserActivityCall = Static<typeof AdminUserActivityCall>;
