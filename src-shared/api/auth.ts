import Type, { type Static } from 'typebox';
import { Account } from './account.js';
import { OtpCode, Password, RecoveryCode, Username } from './common.js';
import { PasskeyAssertion } from './passkeys.js';

export const ClientKind = Type.Union([Type.Literal('web'), Type.Literal('console')]);
export type ClientKind = Static<typeof ClientKind>;

/** What a person types at the login screen: the same in every host. */
export const Credentials = Type.Object(
  {
    username: Username,
    password: Password,
    otp_code: Type.Optional(OtpCode),
    recovery_code: Type.Optional(RecoveryCode),
    /** The signed answer to the passkey challenge of the second step (`otp_required`'s details). */
    passkey: Type.Optional(PasskeyAssertion),
  },
  { additionalProperties: false },
);
export type Credentials = Static<typeof Credentials>;

/** `POST /api/auth/login`: credentials plus what the host adds (client kind, console version, install id). */
export const LoginRequest = Type.Object(
  {
    ...Credentials.properties,
    client: ClientKind,
    console_version: Type.Optional(Type.String({ maxLength: 32 })),
    install_id: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

/**
 * Console clients get the bearer `token`; browser clients get the session as an HttpOnly cookie
 * and only a `csrf_token` (also set as a readable cookie) to echo in `X-CSRF-Token` on unsafe methods.
 */
export const LoginResponse = Type.Object({
  token: Type.Optional(Type.String()),
  csrf_token: Type.Optional(Type.String()),
  expires_at: Type.String(),
  account: Account,
});
export type LoginResponse = Static<typeof LoginResponse>;

/** What a ConsoleApi host hands the renderer after login: never the token. */
export const LoginResult = Type.Object({ expires_at: Type.String(), account: Account });
export type LoginResult = Static<typeof LoginResult>;

export const PasswordResetRequest = Type.Object(
  { username_or_email: Type.String({ minLength: 1, maxLength: 254 }) },
  { additionalProperties: false },
);
export type PasswordResetRequest = Static<typeof PasswordResetRequest>;

export const PasswordResetConfirm = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), new_password: Password },
  { additionalProperties: false },
);
export type PasswordResetConfirm = Static<typeof PasswordResetConfirm>;
