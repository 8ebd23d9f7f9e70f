/**
 * The TOTP module: every RFC 6238 test vector, and the ±1 step window and replay rule checked
 * against codes computed by the test's own RFC implementation (node:crypto HMAC, not otplib).
 */
import { describe, expect, it } from 'vitest';
import { totpCode, verifyTotp, newTotpSecret } from '../../src-appliance/two-factor/totp.js';
import { base32Decode, independentTotp } from '../support/totp.js';

// RFC 6238, Appendix B: keys are the ASCII strings below, 8 digits.
const RFC_KEYS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const RFC_VECTORS: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP module', () => {
  it('matches every RFC 6238 test vector (SHA-1, SHA-256, SHA-512)', () => {
    for (const [t, sha1, sha256, sha512] of RFC_VECTORS) {
      const at = new Date(t * 1000);
      expect(totpCode(RFC_KEYS.sha1, at, { digits: 8 })).toBe(sha1);
      expect(totpCode(RFC_KEYS.sha256, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
      expect(totpCode(RFC_KEYS.sha512, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
      // ...and so does the test's own implementation, which the HTTP tests below use.
      expect(independentTotp(RFC_KEYS.sha1, t, { digits: 8 })).toBe(sha1);
      expect(independentTotp(RFC_KEYS.sha512, t, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
    }
  });

  it('accepts one step either side, not two, and never a step at or before the last used one', () => {
    const secret = newTotpSecret();
    expect(base32Decode(secret)).toHaveLength(20);
    const now = new Date(Math.floor(Date.now() / 30_000) * 30_000 + 10_000);
    const step = Math.floor(now.getTime() / 30_000);
    const at = (k: number) => independentTotp(base32Decode(secret), now.getTime() / 1000 + k * 30);
    expect(verifyTotp(secret, at(-1), now, null)).toBe(step - 1);
    expect(verifyTotp(secret, at(0), now, null)).toBe(step);
    expect(verifyTotp(secret, at(1), now, null)).toBe(step + 1);
    expect(verifyTotp(secret, at(-2), now, null)).toBeNull();
    expect(verifyTotp(secret, at(2), now, null)).toBeNull();
    expect(verifyTotp(secret, at(0), now, step)).toBeNull();
    expect(verifyTotp(secret, at(1), now, step)).toBe(step + 1);
  });
});
