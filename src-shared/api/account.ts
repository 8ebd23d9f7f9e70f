import Type, { type Static } from 'typebox';
import { DisplayName, LanguageCode, Nullable, Password, Username } from './common.js';

export const Account = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  private_display_name: Type.String(),
  public_display_name: Type.String(),
  display_names_synced: Type.Boolean(),
  email_address: Nullable(Type.String()),
  preferred_email_language: Nullable(LanguageCode),
  extended_availability: Type.Object({ allowed: Type.Boolean(), enabled: Type.Boolean() }),
  two_factor: Type.Object({
    enabled: Type.Boolean(),
    required: Type.Boolean(),
    recovery_codes_left: Type.Integer(),
  }),
  photo_url: Nullable(Type.String()),
  password_expires_at: Nullable(Type.String()),
  password_change_required: Type.Boolean(),
  two_factor_enrollment_required: Type.Boolean(),
  is_admin: Type.Boolean(),
  /** The user can sign in with a password here (false: single sign-on only, see `identity_provider`). */
  local_password: Type.Boolean(),
  /** The identity provider the user signs in with, if any. */
  identity_provider: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
});
export type Account = Static<typeof Account>;

export const AccountPatch = Type.Object(
  {
    private_display_name: Type.Optional(DisplayName),
    public_display_name: Type.Optional(DisplayName),
    extended_availability_enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountPatch = Static<typeof AccountPatch>;

export const EmailChange = Type.Object(
  {
    email_address: Type.String({ minLength: 3, maxLength: 254, format: 'email' }),
    preferred_email_language: Type.Optional(LanguageCode),
    current_password: Password,
  },
  { additionalProperties: false },
);
export type EmailChange = Static<typeof EmailChange>;

export const PasswordChange = Type.Object(
  { username: Username, current_password: Password, new_password: Password },
  { additionalProperties: false },
);
export type PasswordChange = Static<typeof PasswordChange>;

export const SessionInfo = Type.Object({
  id: Type.String(),
  client: Type.Union([Type.Literal('web'), Type.Literal('console')]),
  created_at: Type.String(),
  last_seen_at: Type.String(),
  ip: Type.String(),
  user_agent: Type.String(),
  current: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;
export const SessionId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** `GET /api/account/sessions`. */
export const SessionList = Type.Object({ sessions: Type.Array(SessionInfo) });
export type SessionList = Static<typeof SessionList>;
