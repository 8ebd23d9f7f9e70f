import Type, { type Static } from 'typebox';
import { DisplayName, NewUsername, Nullable, Password, Username } from './common.js';

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
  created_at: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

export const AdminUserCreate = Type.Object(
  {
    username: NewUsername,
    password: Password,
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

/** `GET /api/admin/users`. */
export const AdminUserList = Type.Object({ users: Type.Array(AdminUser) });
export type AdminUserList = Static<typeof AdminUserList>;
