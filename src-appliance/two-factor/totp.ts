/**
 * TOTP as the seed and RFC 6238 describe it: SHA-1, 6 digits, 30-second steps, a code accepted one
 * step either side of now (so it works for about 60 seconds) and only once: the caller keeps the
 * last accepted time step per user and passes it back as `lastStep` (ASVS 6.5.1, replay).
 */
import { generateSecret, generateSync, generateURI, verifySync, createGuardrails } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW_STEPS = 1;
/** 160-bit secrets, as RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export function newTotpSecret(): string {
  return generateSecret({ length: TOTP_SECRET_BYTES });
}

export function totpUri(secret: string, issuer: string, label: string): string {
  return generateURI({ issuer, label, secret, algorithm: 'sha1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export interface TotpOptions {
  algorithm?: TotpAlgorithm;
  digits?: 6 | 7 | 8;
}

/** The code for `now`. `secret` is base32, or raw bytes (the RFC's test vectors use ASCII keys). */
export function totpCode(secret: string | Uint8Array, now: Date, opts: TotpOptions = {}): string {
  return generateSync({
    secret,
    algorithm: opts.algorithm ?? 'sha1',
    digits: opts.digits ?? TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    // RFC 6238's own vectors use 20-64 byte ASCII keys; our secrets are always 20 bytes.
    guardrails: createGuardrails({ MIN_SECRET_BYTES: 10 }),
  });
}

/**
 * Checks `code` against `secret` at `now` within ±1 step. Returns the time step it matched, or null
 * when it is wrong, outside the window, or not newer than `lastStep` (already used).
 */
export function verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^[0-9]{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    algorithm: 'sha1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  // TOTP results carry the matched step; verifySync's union type also covers HOTP.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
