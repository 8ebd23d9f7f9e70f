/**
 * Console releases are signed by the publisher's release key (Ed25519), made and used on the build
 * machine with `npm run appliance -- release-key generate|sign`; the private key never lives on
 * an appliance. The console installs an update only when its signature verifies against a key it
 * pins (built in, or IT's RELEASEKEY), so an appliance that was broken into cannot hand out a
 * build of its own, even with a matching sha512 in a `latest.yml` it wrote itself.
 *
 * What is signed is the release statement: a fixed label, the version and the build's SHA-512.
 * Signing the digest rather than the whole file keeps a 100 MB build out of memory, and signing
 * the version with it means a genuine old build cannot be offered as a newer one.
 *
 * Keys are written `ed25519:<base64url of the 32-byte public key>`; signatures are base64 of the
 * 64-byte Ed25519 signature (the `.sig` file beside a build holds that one line). Verification
 * uses WebCrypto, which the console's main process and the appliance both have.
 */

export const RELEASE_KEY_PREFIX = 'ed25519:';
const STATEMENT_LABEL = 'support-console release signature v1';

export interface ReleaseStatement {
  version: string;
  /** base64 SHA-512 of the build, as electron-updater's `sha512`. */
  sha512: string;
}

/** The exact bytes the release key signs. */
export function releaseStatement(r: ReleaseStatement): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${STATEMENT_LABEL}\nversion: ${r.version}\nsha512: ${r.sha512}\n`);
}

function fromBase64(text: string, url: boolean): Uint8Array<ArrayBuffer> | null {
  const pattern = url ? /^[A-Za-z0-9_-]+$/ : /^[A-Za-z0-9+/]+={0,2}$/;
  if (!pattern.test(text)) return null;
  const std = url ? text.replace(/-/g, '+').replace(/_/g, '/') : text;
  try {
    const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The 32-byte public key of `ed25519:<base64url>`, or null when the text is not one. */
export function parseReleaseKey(text: string): Uint8Array<ArrayBuffer> | null {
  const t = text.trim();
  if (!t.startsWith(RELEASE_KEY_PREFIX)) return null;
  const raw = fromBase64(t.slice(RELEASE_KEY_PREFIX.length), true);
  return raw && raw.length === 32 ? raw : null;
}

/** `ed25519:<base64url>` for a raw 32-byte public key. */
export function formatReleaseKey(raw: Uint8Array): string {
  const b64 = btoa(String.fromCharCode(...raw));
  return RELEASE_KEY_PREFIX + b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Splits a list of keys (comma, semicolon or white space between them, as an INI value or an
 * environment variable holds them) into valid keys and the entries that are not keys.
 */
export function parseReleaseKeyList(text: string): { keys: string[]; invalid: string[] } {
  const keys: string[] = [];
  const invalid: string[] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    if (parseReleaseKey(entry)) keys.push(entry);
    else invalid.push(entry);
  }
  return { keys, invalid };
}

/** True when `signature` is a valid signature of the statement by one of `keys`. Never throws. */
export async function verifyReleaseSignature(
  keys: readonly string[],
  statement: ReleaseStatement,
  signature: string,
): Promise<boolean> {
  const sig = fromBase64(signature.trim(), false);
  if (!sig || sig.length !== 64) return false;
  const data = releaseStatement(statement);
  for (const text of keys) {
    const raw = parseReleaseKey(text);
    if (!raw) continue;
    try {
      const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
      if (await crypto.subtle.verify({ name: 'Ed25519' }, key, sig, data)) return true;
    } catch {
      // A key the platform cannot import verifies nothing.
    }
  }
  return false;
}
