import Type, { type Static } from 'typebox';
import { LanguageCode } from './common.js';
import { PasskeyUserVerification } from './passkeys.js';
import { SiteIdentityProvider } from './identity-providers.js';

/** The public part of the site's security settings: what a client needs to check a new password. */
export const PasswordPolicy = Type.Object({
  min_password_length: Type.Integer({ minimum: 1, maximum: 128 }),
  max_password_length: Type.Integer(),
  require_complex_passwords: Type.Boolean(),
  block_common_passwords: Type.Boolean(),
  min_password_strength: Type.Integer({ minimum: 0, maximum: 4 }),
  password_history: Type.Integer({ minimum: 0 }),
});
export type PasswordPolicy = Static<typeof PasswordPolicy>;

export const Site = Type.Object({
  site_name: Type.String(),
  software_version: Type.String(),
  console_version: Type.String(),
  languages: Type.Array(LanguageCode),
  default_language: LanguageCode,
  password_policy: PasswordPolicy,
  password_reset_enabled: Type.Boolean(),
  public_url: Type.String(),
  /** The login screen offers "Sign in with a passkey" (passwordless, and through the username field's autofill). */
  passkey_sign_in: Type.Boolean(),
  /** The enabled identity providers: "Sign in with {name}" on the login screen. */
  identity_providers: Type.Array(SiteIdentityProvider),
  /** Technicians sign in through an identity provider only; administrators may still use their password. */
  sso_required_for_non_admins: Type.Boolean(),
});
export type Site = Static<typeof Site>;

/** /login > Management > Security, as the admin API reads and writes it. */
export const SecuritySettings = Type.Object({
  min_password_length: Type.Integer({ minimum: 1, maximum: 128 }),
  require_complex_passwords: Type.Boolean(),
  password_history: Type.Integer({ minimum: 0, maximum: 50 }),
  password_expiration_days: Type.Integer({ minimum: 0, maximum: 3650 }),
  lockout_after_failures: Type.Integer({ minimum: 1, maximum: 1000 }),
  lockout_duration_minutes: Type.Integer({ minimum: 0, maximum: 525600 }),
  password_reset_enabled: Type.Boolean(),
  two_factor_required: Type.Boolean(),
  languages: Type.Array(LanguageCode, { minItems: 1, maxItems: 20, uniqueItems: true }),
  default_language: LanguageCode,
  session_idle_timeout_minutes: Type.Integer({ minimum: 1, maximum: 10080 }),
  block_common_passwords: Type.Boolean(),
  /** zxcvbn score (0–4) a new password needs while block_common_passwords is on; 0 = breach list only. */
  min_password_strength: Type.Integer({ minimum: 0, maximum: 4 }),
  /** Technicians may register passkeys and use them as the second factor. */
  passkeys_allowed: Type.Boolean(),
  /** A passkey alone signs in (no username, no password); needs passkeys_allowed. */
  passwordless_allowed: Type.Boolean(),
  /** Whether every passkey ceremony must verify the user (PIN, biometrics) or only should. */
  passkey_user_verification: PasskeyUserVerification,
  /** Non-admins sign in only through an identity provider; admins keep their local password. */
  sso_required_for_non_admins: Type.Boolean(),
  /** Mail a technician when they sign in from a client and IP not seen for them in 90 days. */
  new_device_sign_in_notice: Type.Boolean(),
});
export type SecuritySettings = Static<typeof SecuritySettings>;
export const SecuritySettingsPatch = Type.Partial(SecuritySettings, { additionalProperties: false });
export type SecuritySettingsPatch = Static<typeof SecuritySettingsPatch>;

export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  min_password_length: 8,
  require_complex_passwords: false,
  password_history: 0,
  password_expiration_days: 0,
  lockout_after_failures: 5,
  lockout_duration_minutes: 15,
  password_reset_enabled: true,
  two_factor_required: false,
  languages: ['en', 'de'],
  default_language: 'en',
  session_idle_timeout_minutes: 60,
  block_common_passwords: true,
  min_password_strength: 3,
  passkeys_allowed: true,
  passwordless_allowed: true,
  passkey_user_verification: 'preferred',
  sso_required_for_non_admins: false,
  new_device_sign_in_notice: true,
};

/** Longest password accepted: far above ASVS's "at least 64, no cap below 128". */
export const MAX_PASSWORD_LENGTH = 1024;
