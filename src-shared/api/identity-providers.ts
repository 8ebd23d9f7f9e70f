/**
 * Single sign-on with the site's own identity providers (OpenID Connect). The admin API
 * (`/api/admin/identity-providers`) configures them; the client secret goes in and never comes
 * back out. The browser starts at `GET /api/auth/sso/{id}/start`, which sends it to the provider;
 * the provider sends it back to `/api/auth/sso/{id}/callback`, which starts a web session or
 * completes a desktop sign-in.
 */
import Type, { type Static } from 'typebox';
import { Nullable } from './common.js';
import { DesktopRequestId } from './desktop-sign-in.js';

/** A claim name in an ID token (`preferred_username`, `groups`, `https://example.com/roles`). */
const ClaimName = Type.String({ minLength: 1, maxLength: 256, pattern: '^[^\\s]+$' });
/** Space-separated OAuth scopes (RFC 6749 §3.3); must include `openid`. */
const Scopes = Type.String({
  minLength: 6,
  maxLength: 512,
  pattern: '^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$',
});

const fields = {
  kind: Type.Literal('oidc'),
  name: Type.String({ minLength: 1, maxLength: 64 }),
  /** The provider's issuer identifier: https, or http only on literal loopback. */
  issuer: Type.String({ minLength: 8, maxLength: 512 }),
  client_id: Type.String({ minLength: 1, maxLength: 256 }),
  client_secret: Type.String({ minLength: 1, maxLength: 1024 }),
  scopes: Scopes,
  /** Its value is the appliance username: an existing user with it is linked; JIT creates one. */
  username_claim: ClaimName,
  display_name_claim: ClaimName,
  email_claim: ClaimName,
  /** With `admin_group_value`: members are administrators, others not, decided at each sign-in. */
  admin_group_claim: Nullable(ClaimName),
  admin_group_value: Nullable(Type.String({ minLength: 1, maxLength: 256 })),
  /** Create the user at the first sign-in when no user has the claimed username. */
  jit_provisioning: Type.Boolean(),
  enabled: Type.Boolean(),
};

export const IDENTITY_PROVIDER_DEFAULTS = {
  scopes: 'openid profile email',
  username_claim: 'preferred_username',
  display_name_claim: 'name',
  email_claim: 'email',
  admin_group_claim: null,
  admin_group_value: null,
  jit_provisioning: false,
} as const;

/** `POST /api/admin/identity-providers`. */
export const IdentityProviderCreate = Type.Object(
  {
    kind: fields.kind,
    name: fields.name,
    issuer: fields.issuer,
    client_id: fields.client_id,
    client_secret: fields.client_secret,
    scopes: Type.Optional(fields.scopes),
    username_claim: Type.Optional(fields.username_claim),
    display_name_claim: Type.Optional(fields.display_name_claim),
    email_claim: Type.Optional(fields.email_claim),
    admin_group_claim: Type.Optional(fields.admin_group_claim),
    admin_group_value: Type.Optional(fields.admin_group_value),
    jit_provisioning: Type.Optional(fields.jit_provisioning),
    enabled: fields.enabled,
  },
  { additionalProperties: false },
);
export type IdentityProviderCreate = Static<typeof IdentityProviderCreate>;

/** `PATCH /api/admin/identity-providers/{id}`: any field; a new client_secret replaces the old. */
export const IdentityProviderPatch = Type.Partial(Type.Object(fields), {
  additionalProperties: false,
  minProperties: 1,
});
export type IdentityProviderPatch = Static<typeof IdentityProviderPatch>;

/** What the admin API answers: never the secret, only that one is set; the redirect URI to register. */
export const IdentityProvider = Type.Object({
  id: Type.Integer(),
  kind: fields.kind,
  name: Type.String(),
  issuer: Type.String(),
  client_id: Type.String(),
  client_secret_set: Type.Boolean(),
  scopes: Type.String(),
  username_claim: Type.String(),
  display_name_claim: Type.String(),
  email_claim: Type.String(),
  admin_group_claim: Nullable(Type.String()),
  admin_group_value: Nullable(Type.String()),
  jit_provisioning: Type.Boolean(),
  enabled: Type.Boolean(),
  /** Register this at the provider as the client's redirect URI. */
  redirect_uri: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
});
export type IdentityProvider = Static<typeof IdentityProvider>;

export const IdentityProviderList = Type.Object({ identity_providers: Type.Array(IdentityProvider) });
export type IdentityProviderList = Static<typeof IdentityProviderList>;

/** ConsoleApi.setIdentityProviderEnabled: `PATCH /api/admin/identity-providers/{id}` with `{enabled}` only. */
export const IdentityProviderEnabledCall = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 999_999_999 }), enabled: Type.Boolean() },
  { additionalProperties: false },
);
export type IdentityProviderEnabledCall = Static<typeof IdentityProviderEnabledCall>;

/** ConsoleApi.updateIdentityProvider: `PATCH /api/admin/identity-providers/{id}` with the changed fields. */
export const IdentityProviderUpdateCall = Type.Object(
  { id: IdentityProviderEnabledCall.properties.id, patch: IdentityProviderPatch },
  { additionalProperties: false },
);
export type IdentityProviderUpdateCall = Static<typeof IdentityProviderUpdateCall>;

/** An enabled provider as `GET /api/site` lists it for the login screen. */
export const SiteIdentityProvider = Type.Object({ id: Type.Integer(), name: Type.String() });
export type SiteIdentityProvider = Static<typeof SiteIdentityProvider>;

export const SsoStartQuery = Type.Object({ desktop_request: Type.Optional(DesktopRequestId) });
export type SsoStartQuery = Static<typeof SsoStartQuery>;

/** The provider's answer (RFC 6749 §4.1.2, RFC 9207 `iss`); anything else it adds is ignored. */
export const SsoCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  iss: Type.Optional(Type.String({ maxLength: 512 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
  error_description: Type.Optional(Type.String({ maxLength: 2048 })),
});
export type SsoCallbackQuery = Static<typeof SsoCallbackQuery>;
