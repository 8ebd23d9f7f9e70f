/**
 * The desktop console's sign-in through the system browser (RFC 8252 + PKCE):
 *   GET  /api/auth/desktop/authorize              the console's browser lands here; → the web console's sign-in
 *   GET  /api/auth/desktop/requests/{id}          the web console asks whether the request is still open
 *   POST /api/auth/desktop/requests/{id}/approve  the signed-in person says yes (web session): → callback with code
 *   POST /api/auth/desktop/requests/{id}/deny     the person says no: → callback with error=access_denied
 *   POST /api/auth/desktop/token                  the console exchanges the code for its session
 */
import Type from 'typebox';
import {
  DesktopAuthorizeQuery,
  DesktopRequestId,
  DesktopSignInDecision,
  DesktopSignInRequest,
  DesktopTokenRequest,
  DESKTOP_AUTHORIZE_PATH,
  DESKTOP_TOKEN_PATH,
  desktopSignInPage,
  desktopSignInResultPage,
} from '../../src-shared/api/desktop-sign-in.js';
import { ssoStartPath } from '../../src-shared/sso-start-path.js';
import { LoginResponse } from '../../src-shared/api/auth.js';
import { ApiError } from '../../src-shared/errors.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { refuseNavigation } from '../http/navigation-refusal.js';
import { errorResponses } from '../http/schema-helpers.js';
import { sendLoginAnswer } from '../auth/login-answer.js';
import { currentSession, requireSession } from '../auth/session-guard.js';
import { approveDesktopRequest, denyDesktopRequest, findOpenDesktopRequest, openDesktopRequest } from './requests.js';
import { exchangeDesktopCode } from './token-exchange.js';

const RequestParams = Type.Object({ id: DesktopRequestId });

export function registerDesktopSignInRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.get(
    DESKTOP_AUTHORIZE_PATH,
    {
      schema: {
        tags: ['auth'],
        summary: 'Start a desktop console sign-in in the browser (RFC 8252, PKCE S256); redirects to the sign-in.',
        querystring: DesktopAuthorizeQuery,
        response: { 302: Type.Null(), 303: Type.Null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      let id: string;
      try {
        id = await openDesktopRequest(ctx, request.query);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return refuseNavigation(request, reply, err, desktopSignInResultPage);
      }
      const idp = request.query.identity_provider;
      const next = idp ? ssoStartPath(Number(idp), id) : desktopSignInPage(id);
      return reply.redirect(next, 302);
    },
  );

  app.get(
    '/api/auth/desktop/requests/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'A desktop sign-in request that is still waiting for the person.',
        params: RequestParams,
        response: { 200: DesktopSignInRequest, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const row = await findOpenDesktopRequest(ctx, request.params.id);
      return { id: row.id, expires_at: row.expires_at };
    },
  );

  app.post(
    '/api/auth/desktop/requests/:id/approve',
    {
      schema: {
        tags: ['auth'],
        summary: "Sign the desktop console in as this browser's user: a one-time code for its loopback callback.",
        params: RequestParams,
        response: { 200: DesktopSignInDecision, ...errorResponses(400, 401, 403, 404) },
      },
      // A session that must first change its password or enrol two-factor hands the same duty on.
      preHandler: requireSession(ctx, { allowRestricted: true }),
    },
    async (request) => {
      const session = currentSession(request);
      if (session.client !== 'web')
        throw httpError(403, 'forbidden', 'A desktop sign-in is approved from a browser session.');
      const restriction = session.restriction === 'two_factor_enrollment' ? session.restriction : null;
      return { redirect_to: await approveDesktopRequest(ctx, request.params.id, session.userId, restriction) };
    },
  );

  app.post(
    '/api/auth/desktop/requests/:id/deny',
    {
      schema: {
        tags: ['auth'],
        summary: 'Refuse a desktop sign-in request; the console is told access_denied.',
        params: RequestParams,
        response: { 200: DesktopSignInDecision, ...errorResponses(400, 404) },
      },
    },
    async (request) => ({ redirect_to: await denyDesktopRequest(ctx, request.params.id) }),
  );

  app.post(
    DESKTOP_TOKEN_PATH,
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange the one-time code and PKCE verifier for a console session (as a console login).',
        body: DesktopTokenRequest,
        response: { 200: LoginResponse, ...errorResponses(400, 403, 426) },
      },
    },
    async (request, reply) => {
      const { user, row, session } = await exchangeDesktopCode(ctx, request.body, request);
      return sendLoginAnswer(ctx, reply, 'console', { user, session, restriction: row.restriction });
    },
  );
}
