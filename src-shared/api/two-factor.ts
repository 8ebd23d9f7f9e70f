import Type, { type Static } from 'typebox';
import { OtpCode, Password } from './common.js';

export const TwoFactorSetup = Type.Object({ secret: Type.String(), otpauth_uri: Type.String() });
export type TwoFactorSetup = Static<typeof TwoFactorSetup>;

/** Password plus a current authenticator code: activate, disable, regenerate recovery codes. */
export const TwoFactorProof = Type.Object(
  { current_password: Password, code: OtpCode },
  { additionalProperties: false },
);
export type TwoFactorProof = Static<typeof TwoFactorProof>;

export const RecoveryCodes = Type.Object({ recovery_codes: Type.Array(Type.String()) });
export type RecoveryCodes = Static<typeof RecoveryCodes>;
