/**
 * The login decision, in order: extension checks before the password (console version gate, ...);
 * then one credential attempt reserved against lockout (./lockout.ts: refused with 423 before
 * anything is verified once the window is full); for an unknown user a dummy verification on a
 * decoy attempt (the same answers as a wrong password for a real account, 423 included); the
 * password; disabled; the extension checks after the password (two-factor code) in the same
 * attempt; then a new session.
 */
import { type FastifyRequest } from 'fastify';
import { type LoginRequest } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { type SessionRestriction } from './tables.js';
import { type SecondFactorMethod } from '../../src-shared/api/passkeys.js';
import { LoginRefusal, type LoginCheck } from './login-checks.js';
import { beginAccountAttempt, beginDecoyAttempt, type CredentialAttempt } from './lockout.js';
import { verifyAgainstDummy, verifyCredentialPassword } from './password-hash.js';
import { createSession, requestOrigin } from './sessions.js';
import { reportFailedCredential } from './credential-failed.js';
import { admitLocalSignIn } from './sso-policy.js';

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
  attempt?: CredentialAttempt,
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
      if (attempt && err.countsTowardLockout) {
        if (user)
          reportFailedCredential(ctx, user.id, err.method ?? 'password', request, body.client, body.console_version);
        throw attempt.failed(err.error);
      }
      if (attempt) await attempt.released();
      throw err.error;
    }
  }
  return { restriction, secondFactor };
}

export async function login(ctx: ApplianceContext, body: LoginRequest, request: FastifyRequest): Promise<LoginSuccess> {
  const user = await userRepository(ctx.db).findByUsername(body.username);
  const before = await runChecks(ctx, ctx.loginChecks.beforePassword, user, body, request);
  if (!user) {
    const attempt = await beginDecoyAttempt(ctx, body.username);
    await verifyAgainstDummy(ctx, body.password);
    throw attempt.failed();
  }
  const attempt = await beginAccountAttempt(ctx, user.id);
  if (!(await verifyCredentialPassword(ctx, user.password_hash, body.password))) {
    reportFailedCredential(ctx, user.id, 'password', request, body.client, body.console_version);
    throw attempt.failed();
  }
  await admitLocalSignIn(ctx, user, attempt);
  const after = await runChecks(ctx, ctx.loginChecks.afterPassword, user, body, request, attempt);
  await attempt.succeeded();

  const restriction = after.restriction ?? before.restriction;
  const session = await createSession(ctx, {
    userId: user.id,
    client: body.client,
    installId: body.install_id ?? null,
    consoleVersion: body.console_version ?? null,
    restriction,
    method: 'password',
    secondFactor: after.secondFactor,
    ...requestOrigin(request),
  });
  return { user, session, restriction };
}
