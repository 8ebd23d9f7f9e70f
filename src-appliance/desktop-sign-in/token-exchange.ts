/**
 * `POST /api/auth/desktop/token`, in order: spend the code (any attempt spends it, so a code
 * works once, right or wrong), then check that it is still valid, came back to the same redirect
 * URI and that the verifier matches the challenge; the user must still be enabled, and the checks
 * a console login runs before the password (the console version gate) run here too. Then a console
 * session, exactly as `POST /api/auth/login` makes one.
 */
import { type FastifyRequest } from 'fastify';
import { type DesktopTokenRequest } from '../../src-shared/api/desktop-sign-in.js';
import { type LoginRequest } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { httpError } from '../http/api-error.js';
import { LoginRefusal } from '../auth/login-checks.js';
import { createSession, requestOrigin } from '../auth/sessions.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { desktopSignInRepository, type DesktopSignInRow } from './desktop-sign-in-repository.js';
import { hashCode, verifierMatches } from './pkce.js';

export interface ExchangedCode {
  user: UserRow;
  row: DesktopSignInRow;
  session: Awaited<ReturnType<typeof createSession>>;
}

async function spend(ctx: ApplianceContext, code: string): Promise<DesktopSignInRow> {
  const requests = desktopSignInRepository(ctx.db);
  const codeHash = hashCode(code);
  const row = await requests.spendCode(codeHash, ctx.clock.now().toISOString());
  if (row) return row;
  if (await requests.findByCode(codeHash))
    throw httpError(400, 'desktop_code_used', 'This sign-in code was already used. Sign in again.');
  throw httpError(400, 'desktop_code_invalid', 'This sign-in code is not valid.');
}

/** The checks every console login runs before the password, for the user the code names. */
async function runConsoleLoginChecks(
  ctx: ApplianceContext,
  user: UserRow,
  body: DesktopTokenRequest,
  request: FastifyRequest,
): Promise<void> {
  const login: LoginRequest = {
    username: user.username,
    password: '',
    client: 'console',
    install_id: body.install_id,
    console_version: body.console_version,
  };
  for (const check of ctx.loginChecks.beforePassword) {
    try {
      await check({ user, body: login, request });
    } catch (err) {
      throw err instanceof LoginRefusal ? err.error : err;
    }
  }
}

export async function exchangeDesktopCode(
  ctx: ApplianceContext,
  body: DesktopTokenRequest,
  request: FastifyRequest,
): Promise<ExchangedCode> {
  const row = await spend(ctx, body.code);
  if (!row.code_expires_at || row.code_expires_at <= ctx.clock.now().toISOString())
    throw httpError(400, 'desktop_code_expired', 'This sign-in code has expired (it is valid for 60 seconds).');
  if (body.redirect_uri !== row.redirect_uri)
    throw httpError(400, 'desktop_redirect_mismatch', 'redirect_uri is not the one this code was issued for.');
  if (!verifierMatches(body.code_verifier, row.code_challenge))
    throw httpError(400, 'desktop_verifier_mismatch', 'code_verifier does not match the code_challenge.');

  const user = row.user_id === null ? null : await userRepository(ctx.db).findById(row.user_id);
  if (!user || !user.enabled) throw httpError(403, 'account_disabled', 'This account is disabled.');
  await runConsoleLoginChecks(ctx, user, body, request);

  const session = await createSession(ctx, {
    userId: user.id,
    client: 'console',
    installId: body.install_id,
    consoleVersion: body.console_version,
    restriction: row.restriction,
    method: 'browser',
    secondFactor: null,
    ...requestOrigin(request),
  });
  return { user, row, session };
}
