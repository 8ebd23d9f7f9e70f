/**
 * A passkey sign-in is a credential verification like a password: it counts toward the account's
 * lockout. `succeeded` clears the failures, `failed` counts one (answering 423 once that locks the
 * account), `released` leaves the count as it was (nothing was found wrong).
 */
import { type ApplianceContext } from '../context.js';
import { type ApiError } from '../http/api-error.js';
import { accountLockedError, clearLoginFailures, errorForFailure, recordLoginFailure } from '../auth/lockout.js';
import { isLocked } from '../users/user-store.js';
import { type UserRow } from '../users/tables.js';

export interface PasskeyAttempt {
  succeeded(): Promise<void>;
  failed(error: ApiError): Promise<ApiError>;
  released(): Promise<void>;
}

export async function beginPasskeyAttempt(ctx: ApplianceContext, user: UserRow): Promise<PasskeyAttempt> {
  if (isLocked(user, ctx.clock.now())) throw accountLockedError(ctx, user);
  return {
    succeeded: () => clearLoginFailures(ctx, user.id),
    failed: async (error) => errorForFailure(ctx, await recordLoginFailure(ctx, user.id), error),
    released: async () => undefined,
  };
}
