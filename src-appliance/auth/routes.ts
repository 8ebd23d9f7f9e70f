/**
 * `POST /api/auth/login`, `POST /api/auth/logout`. Console clients get the bearer token in the
 * answer; browsers get it only as the HttpOnly SameSite=Strict `session` cookie (Secure when the
 * public URL is https) plus a readable `csrf_token` cookie whose value they echo in X-CSRF-Token.
 */
import Type from 'typebox';
import { LoginRequest, LoginResponse } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { buildAccount } from '../account/account-view.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { login } from './login.js';
import { CSRF_COOKIE, SESSION_COOKIE, csrfTokenFor, requireSession } from './session-guard.js';
import { endSession, sessionExpiresAt } from './sessions.js';
import { errorResponses } from '../http/schema-helpers.js';

export function registerAuthRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const secure = () => ctx.publicUrl().startsWith('https:');
  const cookieOptions = (httpOnly: boolean) => ({ path: '/', sameSite: 'strict' as const, httpOnly, secure: secure() });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with username and password (plus a two-factor code when enabled).',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses(400, 401, 403, 423, 426) },
      },
    },
    async (request, reply) => {
      const { user, session, restriction } = await login(ctx, request.body, request);
      const settings = await getSecuritySettings(ctx);
      const expires_at = sessionExpiresAt(session.row, settings.session_idle_timeout_minutes);
      const account = await buildAccount(ctx, user, restriction);
      if (request.body.client === 'console') return reply.send({ token: session.token, expires_at, account });
      const csrf_token = await csrfTokenFor(ctx, session.token);
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(true));
      reply.setCookie(CSRF_COOKIE, csrf_token, cookieOptions(false));
      return reply.send({ csrf_token, expires_at, account });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session.',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      preHandler: requireSession(ctx, { allowRestricted: true }),
    },
    async (request, reply) => {
      await endSession(ctx, request.session!.userId, request.session!.id, 'logged_out');
      reply.clearCookie(SESSION_COOKIE, cookieOptions(true));
      reply.clearCookie(CSRF_COOKIE, cookieOptions(false));
      return reply.status(204).send(null);
    },
  );
}
