/**
 * `/api/account/two-factor`: setup (a pending secret), activate (prove it with password + code;
 * also switches to a new authenticator app, which needs the current factor at both steps), disable,
 * and regenerate recovery codes. Switching and disabling end the user's other sessions. A session restricted to 2FA enrolment may use setup and activate,
 * which lift the restriction.
 */
import Type from 'typebox';
import { type FastifyRequest } from 'fastify';
import {
  RecoveryCodes,
  TwoFactorActivation,
  TwoFactorProof,
  TwoFactorSetup,
  TwoFactorSetupRequest,
} from '../../src-shared/api/two-factor.js';
import { Nullable } from '../../src-shared/api/common.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { errorResponses } from '../http/schema-helpers.js';
import { httpError } from '../http/api-error.js';
import { requireSession } from '../auth/session-guard.js';
import { endSessions, setSessionRestriction } from '../auth/sessions.js';
import { verifyUserPassword } from '../auth/verify-password.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import {
  acceptCode,
  activatePending,
  disableTwoFactor,
  hasPendingSecret,
  isTwoFactorEnabled,
  regenerateRecoveryCodes,
  savePendingSecret,
} from './two-factor-store.js';
import { twoFactorRequired } from './two-factor-policy.js';
import { newTotpSecret, totpUri } from './totp.js';
import { otpInvalid, proveCurrentFactor } from './current-factor.js';

export function registerTwoFactorRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const enrolGuard = requireSession(ctx, { allowRestricted: true });
  const guard = requireSession(ctx);

  async function enrolmentUser(request: FastifyRequest): Promise<UserRow> {
    // Enrolment is open to unrestricted sessions and to those that must enrol; not to a session
    // that must change its password first.
    if (request.session!.restriction === 'password_change')
      throw httpError(403, 'password_change_required', 'Change your password first.');
    return (await userRepository(ctx.db).findById(request.session!.userId))!;
  }

  /** Password, then a current code of the active secret; a wrong code counts toward lockout. */
  async function proveActive(user: UserRow, proof: TwoFactorProof): Promise<void> {
    if (!(await isTwoFactorEnabled(ctx, user.id)))
      throw httpError(409, 'two_factor_not_enabled', 'Two-factor authentication is not enabled.');
    // One lockout attempt for both factors: a right password alone clears nothing.
    await verifyUserPassword(ctx, user, proof.current_password, async () =>
      (await acceptCode(ctx, user.id, proof.code)) ? null : otpInvalid(),
    );
  }

  app.post(
    '/api/account/two-factor/setup',
    {
      schema: {
        tags: ['two-factor'],
        summary: 'Start setting up (or switching) an authenticator app.',
        // No body at all (2FA off) arrives as null.
        body: Nullable(TwoFactorSetupRequest),
        response: { 200: TwoFactorSetup, ...errorResponses(400, 401, 403, 423) },
      },
      preHandler: enrolGuard,
    },
    async (request) => {
      const user = await enrolmentUser(request);
      await proveCurrentFactor(ctx, user, request.body ?? {});
      const secret = newTotpSecret();
      await savePendingSecret(ctx, user.id, secret);
      return { secret, otpauth_uri: totpUri(secret, ctx.config.siteName, user.username) };
    },
  );

  app.post(
    '/api/account/two-factor/activate',
    {
      schema: {
        tags: ['two-factor'],
        summary: 'Prove the new secret with password and code; returns fresh recovery codes.',
        body: TwoFactorActivation,
        response: { 200: RecoveryCodes, ...errorResponses(400, 401, 403, 409, 423) },
      },
      preHandler: enrolGuard,
    },
    async (request) => {
      const user = await enrolmentUser(request);
      if (!(await hasPendingSecret(ctx, user.id)))
        throw httpError(409, 'two_factor_not_pending', 'Start with POST /api/account/two-factor/setup.');
      await proveCurrentFactor(ctx, user, request.body);
      const done = await activatePending(ctx, user.id, request.body.code);
      if (!done) throw otpInvalid();
      if (request.session!.restriction === 'two_factor_enrollment')
        await setSessionRestriction(ctx, request.session!.id, null);
      // A new app replaces the factor every other session signed in with.
      if (done.switched) await endSessions(ctx, user.id, { except: request.session!.id, reason: 'two_factor_changed' });
      ctx.domain.emit('two_factor.changed', { userId: user.id, change: done.switched ? 'switched' : 'enabled' });
      ctx.domain.emit('account.changed', { userId: user.id });
      return { recovery_codes: done.recoveryCodes };
    },
  );

  app.delete(
    '/api/account/two-factor',
    {
      schema: {
        tags: ['two-factor'],
        summary: 'Turn two-factor authentication off (not when it is enforced).',
        body: TwoFactorProof,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 409, 423) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const user = (await userRepository(ctx.db).findById(request.session!.userId))!;
      if (await twoFactorRequired(ctx, user))
        throw httpError(
          409,
          'two_factor_enforced',
          'Two-factor authentication is required for your account and cannot be turned off.',
        );
      await proveActive(user, request.body);
      await disableTwoFactor(ctx, user.id);
      await endSessions(ctx, user.id, { except: request.session!.id, reason: 'two_factor_changed' });
      ctx.domain.emit('two_factor.changed', { userId: user.id, change: 'disabled' });
      ctx.domain.emit('account.changed', { userId: user.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/account/two-factor/recovery-codes',
    {
      schema: {
        tags: ['two-factor'],
        summary: 'Replace the recovery codes (the old ones stop working).',
        body: TwoFactorProof,
        response: { 200: RecoveryCodes, ...errorResponses(400, 401, 403, 409, 423) },
      },
      preHandler: guard,
    },
    async (request) => {
      const user = (await userRepository(ctx.db).findById(request.session!.userId))!;
      await proveActive(user, request.body);
      const codes = await regenerateRecoveryCodes(ctx, user.id);
      ctx.domain.emit('two_factor.changed', { userId: user.id, change: 'recovery_codes_regenerated' });
      ctx.domain.emit('account.changed', { userId: user.id });
      return { recovery_codes: codes };
    },
  );
}
