import crypto from 'node:crypto';

/** RFC 7636 §4.6: BASE64URL(SHA-256(ASCII(code_verifier))) compared with the stored S256 challenge. */
export function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  const computed = Buffer.from(crypto.createHash('sha256').update(codeVerifier, 'ascii').digest('base64url'));
  const stored = Buffer.from(codeChallenge);
  return computed.length === stored.length && crypto.timingSafeEqual(computed, stored);
}

/** Codes and request ids are random; only a code's SHA-256 is stored. */
export const randomId = (bytes: number): string => crypto.randomBytes(bytes).toString('base64url');
export const hashCode = (code: string): string => crypto.createHash('sha256').update(code).digest('hex');
