/**
 * The login decision, in order: extension checks before the password (console version gate, ...),
 * unknown user (dummy verification and a decoy lockout: the same answers as a wrong password for
 * a real account, 423 included), lockout, password, disabled,
 * extension checks after the password (two-factor code), then a new session.
 */
import { type FastifyRequest } from 'fastify';
import { type LoginRequest } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { findUserByUsername, isLocked, type UserRow } from '../users/user-store.js';
import { type SessionRestriction } from '../users/tables.js';
import { type SecondFactorMethod } from '../../src-shared/api/passkeys.js';
import { LoginRefusal, type LoginCheck } from './login-checks.js';
import { accountLockedError, clearLoginFailures, errorForFailure, recordLoginFailure } from './lockout.js';
import { verifyAgainstDummy, verifyPasswordHash } from './password-hash.js';
import { decoyLockState, recordDecoyFailure } from './login-decoys.js';
import { createSession } from './sessions.js';
import { reportFailedCredential } from './credential-failed.js';
import { localSignInAllowed, ssoRequiredError } from './sso-policy.js';
import { getSecuritySettings } from '../site/security-settings.js';

export interface LoginSuccess {
  user: UserRow;
  session: Awaited<ReturnType<typeof createSession>>;
  restriction: SessionRestriction | null;
}

async function runChecks(
  ctx: ApplianceContext,
  checks: LoginCheck[],
  user: UserRow | null,
  body: LoginRequest,
  request: FastifyRequest,
) {
  let restriction: SessionRestriction | null = null;
  let secondFactor: SecondFactorMethod | null = null;
  for (const check of checks) {
    try {
      const result = await check({ user, body, request });
      if (result?.restriction) restriction = result.restriction;
      if (result?.secondFactor) secondFactor = result.secondFactor;
    } catch (err) {
      if (!(err instanceof LoginRefusal)) throw err;
      if (err.countsTowardLockout && user) {
        reportFailedCredential(ctx, user.id, err.method ?? 'password', request, body.client, body.console_version);
        throw errorForFailure(ctx, await recordLoginFailure(ctx, user.id), err.error);
      }
      throw err.error;
    }
  }
  return { restriction, secondFactor };
}

export async function login(ctx: ApplianceContext, body: LoginRequest, request: FastifyRequest): Promise<LoginSuccess> {
  const user = await findUserByUsername(ctx, body.username);
  const before = await runChecks(ctx, ctx.loginChecks.beforePassword, user, body, request);
  if (!user) {
    const decoy = decoyLockState(ctx, body.username);
    if (decoy && isLocked(decoy, ctx.clock.now())) throw accountLockedError(ctx, decoy);
    await verifyAgainstDummy(ctx.passwordHashCost, body.password);
    throw errorForFailure(ctx, await recordDecoyFailure(ctx, body.username));
  }
  if (isLocked(user, ctx.clock.now())) throw accountLockedError(ctx, user);
  if (!(await verifyPasswordHash(user.password_hash, body.password))) {
    reportFailedCredential(ctx, user.id, 'password', request, body.client, body.console_version);
    throw errorForFailure(ctx, await recordLoginFailure(ctx, user.id));
  }
  // Only after the right password, so "disabled" does not reveal that a name exists.
  if (!user.enabled) throw httpError(403, 'account_disabled', 'This account is disabled.');
  // The password was right, so this is not counted; the provider is the way in.
  if (!localSignInAllowed(await getSecuritySettings(ctx), user)) throw ssoRequiredError();
  const after = await runChecks(ctx, ctx.loginChecks.afterPassword, user, body, request);
  await clearLoginFailures(ctx, user.id);

  const restriction = after.restriction ?? before.restriction;
  const session = await createSession(ctx, {
    userId: user.id,
    client: body.client,
    installId: body.install_id ?? null,
    consoleVersion: body.console_version ?? null,
    restriction,
    method: 'password',
    secondFactor: after.secondFactor,
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });
  return { user, session, restriction };
}
