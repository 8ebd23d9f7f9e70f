/**
 * A factor can only be replaced by someone who holds it: while 2FA is on, starting or finishing a
 * switch of the authenticator needs the factor held now (a code from the current app or an unused
 * recovery code), besides the password. The check spends what it accepts, and a wrong code counts
 * toward lockout like a wrong sign-in code.
 */
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { verifyUserPassword } from '../auth/verify-password.js';
import { type UserRow } from '../users/tables.js';
import { acceptCode, isTwoFactorEnabled, spendRecoveryCode } from './two-factor-store.js';

export const otpInvalid = () => httpError(401, 'otp_invalid', 'The code is wrong, expired or was already used.');

const currentFactorRequired = (missing: string[]) =>
  httpError(
    403,
    'current_factor_required',
    'Two-factor authentication is on: enter your password and a code from your current authenticator app or an unused recovery code.',
    { missing },
  );

export interface CurrentFactorProof {
  current_password?: string;
  current_code?: string;
}

/**
 * The password whenever it is given, and while 2FA is on both the password and the current code
 * (TOTP or recovery code): 403 `current_factor_required` when either is missing then.
 */
export async function proveCurrentFactor(
  ctx: ApplianceContext,
  user: UserRow,
  proof: CurrentFactorProof,
): Promise<void> {
  const enabled = await isTwoFactorEnabled(ctx, user.id);
  const missing = (['current_password', 'current_code'] as const).filter((k) => proof[k] === undefined);
  if (enabled && missing.length > 0) throw currentFactorRequired([...missing]);
  if (!enabled) {
    if (proof.current_password !== undefined) await verifyUserPassword(ctx, user, proof.current_password);
    return;
  }
  // The password and the code are one lockout attempt, reserved before either is checked.
  await verifyUserPassword(ctx, user, proof.current_password!, async () => {
    const code = proof.current_code!.trim();
    const accepted = /^[0-9]{6}$/.test(code)
      ? await acceptCode(ctx, user.id, code)
      : await spendRecoveryCode(ctx, user.id, code);
    // `field` tells the screen which of its two code fields was wrong while switching apps.
    return accepted
      ? null
      : httpError(401, 'otp_invalid', 'The current code is wrong, expired or was already used.', {
          field: 'current_code',
        });
  });
}
