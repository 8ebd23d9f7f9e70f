/**
 * Passkeys (WebAuthn): the list in My Account, registration, passwordless sign-in and the
 * assertion that serves as the second factor after the password. The ceremony options the
 * appliance sends are WebAuthn's JSON forms (`PublicKeyCredential*OptionsJSON`); the answers the
 * browser sends back are checked here field by field (sizes bounded, base64url only) before the
 * appliance decodes any of them.
 */
import Type, { type Static } from 'typebox';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { Nullable, Password } from './common.js';

/** At most this many passkeys per user. */
export const PASSKEY_LIMIT = 10;
/** A challenge (registration, sign-in, second factor) is valid this long, and once. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60_000;
/** A session this young may add or delete a passkey without the password again. */
export const PASSKEY_RECENT_SIGN_IN_MS = 5 * 60_000;

const Base64Url = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+$' });
/** WebAuthn allows credential ids up to 1023 bytes. */
const CredentialId = Base64Url(1366);

export const PasskeyName = Type.String({ minLength: 1, maxLength: 64 });

export const PasskeyInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  /** The authenticator's model from its AAGUID, when the appliance knows it. */
  authenticator: Nullable(Type.String()),
  aaguid: Type.String(),
  /** Backup-eligible: a synced passkey (password manager, phone platform) rather than one bound to a device. */
  synced: Type.Boolean(),
  /** A sign-in reported a signature counter lower than before: the passkey may have been copied; it no longer signs in. */
  flagged: Type.Boolean(),
});
export type PasskeyInfo = Static<typeof PasskeyInfo>;

/** `GET /api/account/passkeys`. */
export const PasskeyList = Type.Object({
  passkeys: Type.Array(PasskeyInfo),
  limit: Type.Integer(),
  /** The site allows passkeys and this appliance's public URL can be a relying party. */
  registration_allowed: Type.Boolean(),
});
export type PasskeyList = Static<typeof PasskeyList>;

export const PasskeyRename = Type.Object({ name: PasskeyName }, { additionalProperties: false });
export type PasskeyRename = Static<typeof PasskeyRename>;

export const PasskeyId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** Rename from the desktop console too (ConsoleApi): the id and the new name. */
export const PasskeyRenameCall = Type.Object({ id: PasskeyId, name: PasskeyName }, { additionalProperties: false });
export type PasskeyRenameCall = Static<typeof PasskeyRenameCall>;

/**
 * Adding or deleting a passkey: the password, unless the session signed in within the last five
 * minutes (`PASSKEY_RECENT_SIGN_IN_MS`).
 */
export const PasskeyProof = Type.Object({ current_password: Type.Optional(Password) }, { additionalProperties: false });
export type PasskeyProof = Static<typeof PasskeyProof>;

export const PasskeyDeleteCall = Type.Object(
  { id: PasskeyId, current_password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type PasskeyDeleteCall = Static<typeof PasskeyDeleteCall>;

const CreationOptions = Type.Unsafe<PublicKeyCredentialCreationOptionsJSON>(Type.Record(Type.String(), Type.Unknown()));
const RequestOptions = Type.Unsafe<PublicKeyCredentialRequestOptionsJSON>(Type.Record(Type.String(), Type.Unknown()));

/** A ceremony the appliance started: its id (sent back with the answer) and the options for the browser. */
export const PasskeyRegistrationOptions = Type.Object({ attempt_id: Type.String(), options: CreationOptions });
export type PasskeyRegistrationOptions = Static<typeof PasskeyRegistrationOptions>;

export const PasskeyRequestOptions = Type.Object({ attempt_id: Type.String(), options: RequestOptions });
export type PasskeyRequestOptions = Static<typeof PasskeyRequestOptions>;

const Transports = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 });
const Attachment = Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')]);
/** The client extensions' outputs: none are asked for, so whatever comes is kept out of the checks. */
const ExtensionResults = Type.Object({});

/** The browser's answer to `navigator.credentials.create()`, as @simplewebauthn/browser encodes it. */
export const RegistrationResponse = Type.Object(
  {
    id: CredentialId,
    rawId: CredentialId,
    type: Type.Literal('public-key'),
    response: Type.Object(
      {
        clientDataJSON: Base64Url(4096),
        attestationObject: Base64Url(32_768),
        authenticatorData: Type.Optional(Base64Url(16_384)),
        transports: Type.Optional(Transports),
        publicKeyAlgorithm: Type.Optional(Type.Integer()),
        publicKey: Type.Optional(Base64Url(4096)),
      },
      { additionalProperties: false },
    ),
    authenticatorAttachment: Type.Optional(Attachment),
    clientExtensionResults: ExtensionResults,
  },
  { additionalProperties: false },
);
export type RegistrationResponse = Static<typeof RegistrationResponse>;

/** The browser's answer to `navigator.credentials.get()`. */
export const AuthenticationResponse = Type.Object(
  {
    id: CredentialId,
    rawId: CredentialId,
    type: Type.Literal('public-key'),
    response: Type.Object(
      {
        clientDataJSON: Base64Url(4096),
        authenticatorData: Base64Url(16_384),
        signature: Base64Url(1024),
        userHandle: Type.Optional(Base64Url(128)),
      },
      { additionalProperties: false },
    ),
    authenticatorAttachment: Type.Optional(Attachment),
    clientExtensionResults: ExtensionResults,
  },
  { additionalProperties: false },
);
export type AuthenticationResponse = Static<typeof AuthenticationResponse>;

const AttemptId = Type.String({ minLength: 16, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** `POST /api/account/passkeys`: the new passkey's name and the browser's answer to the registration options. */
export const PasskeyRegistration = Type.Object(
  { attempt_id: AttemptId, name: PasskeyName, response: RegistrationResponse },
  { additionalProperties: false },
);
export type PasskeyRegistration = Static<typeof PasskeyRegistration>;

/** A signed answer to a sign-in or second-factor challenge. */
export const PasskeyAssertion = Type.Object(
  { attempt_id: AttemptId, response: AuthenticationResponse },
  { additionalProperties: false },
);
export type PasskeyAssertion = Static<typeof PasskeyAssertion>;

/** Which second factors the second step offers (`details.methods` of `401 otp_required`). */
export const SecondFactorMethod = Type.Union([
  Type.Literal('totp'),
  Type.Literal('recovery_code'),
  Type.Literal('passkey'),
]);
export type SecondFactorMethod = Static<typeof SecondFactorMethod>;

/**
 * `details` of `401 otp_required`: the second factors this user can use from this client, and for
 * a passkey the challenge to answer (sent back as the login's `passkey`).
 */
export const SecondStep = Type.Object({
  methods: Type.Array(SecondFactorMethod),
  passkey: Type.Optional(PasskeyRequestOptions),
});
export type SecondStep = Static<typeof SecondStep>;

/**
 * The passkey parts of the site's security policy (`/api/admin/security`). Whether passwordless
 * sign-in counts as two factors: only when the authenticator verified the user (PIN or biometrics):
 * see docs/parts/passkeys.md.
 */
export const PasskeyUserVerification = Type.Union([Type.Literal('preferred'), Type.Literal('required')]);
export type PasskeyUserVerification = Static<typeof PasskeyUserVerification>;
