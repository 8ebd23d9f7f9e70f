/**
 * Password hashing: argon2id with the OWASP parameters (19 MiB, t=2, p=1). Unknown usernames are
 * verified against a dummy hash made with the same parameters, so a login for a name that does not
 * exist costs about the same time as a wrong password (no user enumeration by timing).
 *
 * The cost comes from the appliance's context (`ctx.passwordHashCost`). It is ARGON2_COST in every
 * start of the product; only a test can ask buildAppliance for less (`testOnlyPasswordHashCost`),
 * and no configuration or environment variable reaches that option. Verification always uses the
 * parameters stored in the hash itself.
 */
import argon2 from 'argon2';
import { type ApplianceContext } from '../context.js';
import { type Argon2Cost } from './argon2-cost.js';

export { type Argon2Cost } from './argon2-cost.js';

export const ARGON2_COST: Readonly<Argon2Cost> = Object.freeze({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const ARGON2_OPTIONS = { type: argon2.argon2id, ...ARGON2_COST } as const;

export function hashPassword(cost: Argon2Cost, password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...cost });
}

export async function verifyPasswordHash(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A credential check (login, a sensitive action): the one the lockout counts, seen by the test probe. */
export async function verifyCredentialPassword(
  ctx: ApplianceContext,
  hash: string,
  password: string,
): Promise<boolean> {
  await ctx.probes.credentialVerification?.('password');
  return verifyPasswordHash(hash, password);
}

const dummyHashes = new WeakMap<Argon2Cost, Promise<string>>();
/** Spends one credential check's time (at the appliance's cost) on a hash nobody's password matches. Always false. */
export async function verifyAgainstDummy(ctx: ApplianceContext, password: string): Promise<false> {
  const cost = ctx.passwordHashCost;
  let dummy = dummyHashes.get(cost);
  if (!dummy) dummyHashes.set(cost, (dummy = hashPassword(cost, `dummy-${Math.random()}`)));
  await verifyCredentialPassword(ctx, await dummy, password);
  return false;
}
