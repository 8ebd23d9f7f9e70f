/**
 * The secrets of one browser sign-in (RFC 7636, RFC 8252 §8.9): a PKCE code verifier and its S256
 * challenge, and the `state` the loopback listener expects back. Each is 32 random bytes
 * (base64url, 43 characters: the shortest verifier RFC 7636 allows, 256 bits of entropy). Made
 * fresh for every sign-in and never written anywhere: they live in main's memory for at most the
 * listener's five minutes.
 */
import crypto from 'node:crypto';

export interface SignInSecrets {
  codeVerifier: string;
  /** BASE64URL(SHA-256(ASCII(code_verifier))): what the authorization request carries. */
  codeChallenge: string;
  state: string;
}

const random = () => crypto.randomBytes(32).toString('base64url');

export function s256Challenge(codeVerifier: string): string {
  return crypto.createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

export function createSignInSecrets(): SignInSecrets {
  const codeVerifier = random();
  return { codeVerifier, codeChallenge: s256Challenge(codeVerifier), state: random() };
}
