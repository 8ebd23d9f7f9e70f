/**
 * RFC 4226 HOTP / RFC 6238 TOTP written from the RFC text with node:crypto, independently of
 * otplib, so tests compute authenticator codes the way a phone app would.
 */
import crypto from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of input.replace(/[\s=]/g, '').toUpperCase()) {
    const idx = BASE32.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function independentTotp(
  key: Buffer,
  unixSeconds: number,
  opts: { digits?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
): string {
  const digits = opts.digits ?? 6;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto
    .createHmac(opts.algorithm ?? 'sha1', key)
    .update(msg)
    .digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The 6-digit code of a base32 secret for a 30-second time step. */
export function totp(secretBase32: string, step: number): string {
  return independentTotp(base32Decode(secretBase32), step * 30);
}

export const currentStep = (now = Date.now()) => Math.floor(now / 30_000);
