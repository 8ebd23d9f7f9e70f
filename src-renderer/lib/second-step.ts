/**
 * What a `401 otp_required` offers (its details), checked with the contract's SecondStep schema.
 * TypeBox stays out of the start chunk (test/renderer/start-chunk.test.ts), so the auth store
 * loads this module, and TypeBox with it, only when the appliance asks for a second factor.
 */
import Value from 'typebox/value';
import { SecondStep } from '../../src-shared/api/passkeys.js';
import { type ApiError } from '../../src-shared/api-error.js';

/** The offer, or the authenticator and recovery codes when the appliance does not say. */
export function secondStepOf(error: ApiError): SecondStep {
  return Value.Check(SecondStep, error.details) ? error.details : { methods: ['totp', 'recovery_code'] };
}
