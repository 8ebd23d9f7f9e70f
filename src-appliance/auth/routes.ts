/**
 * `POST /api/auth/login`, `POST /api/auth/logout`. The login answer (bearer token for consoles,
 * cookies for browsers) is ./login-answer.ts.
 */
import Type from 'typebox';
import { LoginRequest, LoginResponse } from '../../src-shared/api/auth.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { login } from './login.js';
import { sendLoginAnswer, sessionCookieOptions } from './login-answer.js';
import { CSRF_COOKIE, SESSION_COOKIE, requireSession } from './session-guard.js';
import { endSession } from './sessions.js';
import { errorResponses } from '../http/schema-helpers.js';

export function registerAuthRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const cookieOptions = (httpOnly: boolean) => sessionCookieOptions(ctx, httpOnly);

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
    async (request, reply) => sendLoginAnswer(ctx, reply, request.body.client, await login(ctx, request.body, request)),
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
