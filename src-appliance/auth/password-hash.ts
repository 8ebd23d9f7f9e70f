/**
 * Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). Unknown usernames are
 * verified against a dummy hash made with the same parameters, so a login for a name that does not
 * exist costs about the same time as a wrong password (no user enumeration by timing).
 */
import argon2 from 'argon2';

export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPasswordHash(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends one verification's time on a hash nobody's password matches. Always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(`dummy-${Math.random()}`);
  await verifyPasswordHash(await dummyHash, password);
  return false;
}
