import { type ApiError } from '../http/api-error.js';
import { type ApplianceContext } from '../context.js';
import { type UserRow } from '../users/tables.js';
import { verifyCredentialPassword } from './password-hash.js';
import { beginAccountAttempt } from './lockout.js';

/**
 * Checks the /login password of a known user for a sensitive action (password or email change,
 * two-factor changes), as one lockout attempt (./lockout.ts): refused while locked (`423
 * account_locked`, before argon2 runs); a wrong password is `401 invalid_credentials` (the attempt
 * that locks answers 423). `secondFactor`, when given, runs in the same attempt after a right
 * password and returns the error for a wrong factor (counted) or null when it is right.
 */
export async function verifyUserPassword(
  ctx: ApplianceContext,
  user: UserRow,
  password: string,
  secondFactor?: () => Promise<ApiError | null>,
): Promise<void> {
  const attempt = await beginAccountAttempt(ctx, user.id);
  if (!(await verifyCredentialPassword(ctx, user.password_hash, password))) throw attempt.failed();
  const wrong = secondFactor ? await secondFactor() : null;
  if (wrong) throw attempt.failed(wrong);
  await attempt.succeeded();
}
