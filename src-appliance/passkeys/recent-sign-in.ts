/**
 * Adding or deleting a passkey changes how the account signs in, so it needs proof that the person
 * at the keyboard is the owner: a sign-in within the last five minutes, or the password again
 * (which counts toward lockout when wrong, like every password check).
 */
import { type FastifyRequest } from 'fastify';
import { PASSKEY_RECENT_SIGN_IN_MS, type PasskeyProof } from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { verifyUserPassword } from '../auth/verify-password.js';
import { type UserRow } from '../users/tables.js';
import { sessionRepository } from '../auth/session-repository.js';

async function signedInAt(ctx: ApplianceContext, sessionId: string): Promise<string | null> {
  return sessionRepository(ctx.db).createdAt(sessionId);
}

export async function proveOwner(
  ctx: ApplianceContext,
  request: FastifyRequest,
  user: UserRow,
  proof: PasskeyProof,
): Promise<void> {
  if (proof.current_password !== undefined) {
    await verifyUserPassword(ctx, user, proof.current_password);
    return;
  }
  const at = await signedInAt(ctx, request.session!.id);
  if (at && ctx.clock.now().getTime() - Date.parse(at) < PASSKEY_RECENT_SIGN_IN_MS) return;
  throw httpError(403, 'recent_sign_in_required', 'Enter your password to change your passkeys.', {
    max_age_seconds: PASSKEY_RECENT_SIGN_IN_MS / 1000,
  });
}
