import Type, { type Static } from 'typebox';
import { OtpCode, Password, RecoveryCode } from './common.js';

export const TwoFactorSetup = Type.Object({ secret: Type.String(), otpauth_uri: Type.String() });
export type TwoFactorSetup = Static<typeof TwoFactorSetup>;

/** Password plus a current authenticator code: disable, regenerate recovery codes. */
export const TwoFactorProof = Type.Object(
  { current_password: Password, code: OtpCode },
  { additionalProperties: false },
);
export type TwoFactorProof = Static<typeof TwoFactorProof>;

/**
 * The factor held now, while 2FA is on: a code from the current authenticator app or an unused
 * recovery code (each spent by the check).
 */
export const CurrentCode = RecoveryCode;

/** Starting a setup: nothing while 2FA is off; while it is on, the password and the current factor. */
export const TwoFactorSetupRequest = Type.Object(
  { current_password: Type.Optional(Password), current_code: Type.Optional(CurrentCode) },
  { additionalProperties: false },
);
export type TwoFactorSetupRequest = Static<typeof TwoFactorSetupRequest>;

/** Proving the new secret: password and its code, and while 2FA is on the current factor too. */
export const TwoFactorActivation = Type.Object(
  { current_password: Password, code: OtpCode, current_code: Type.Optional(CurrentCode) },
  { additionalProperties: false },
);
export type TwoFactorActivation = Static<typeof TwoFactorActivation>;

export const RecoveryCodes = Type.Object({ recovery_codes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;
