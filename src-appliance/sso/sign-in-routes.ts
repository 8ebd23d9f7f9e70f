/**
 * Single sign-on in the browser:
 *   GET /api/auth/sso/{id}/start     → the provider's authorization endpoint (code flow, PKCE S256,
 *                                      nonce, state), the sign-in kept in the database and tied to
 *                                      this browser by a cookie
 *   GET /api/auth/sso/{id}/callback  → the code redeemed and the ID token checked, the user found,
 *                                      then a web session (→ /console/) or the desktop console's
 *                                      sign-in completed (→ its loopback callback)
 * Refusals send a browser to the web console's page for them (see http/navigation-refusal.ts).
 */
import crypto from 'node:crypto';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import Type from 'typebox';
import * as client from 'openid-client';
import { desktopSignInPage } from '../../src-shared/api/desktop-sign-in.js';
import { SsoCallbackQuery, SsoStartQuery } from '../../src-shared/api/identity-providers.js';
import { ApiError } from '../../src-shared/errors.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { requestCookies } from '../http/request-cookies.js';
import { refuseNavigation } from '../http/navigation-refusal.js';
import { errorResponses } from '../http/schema-helpers.js';
import { setSessionCookies } from '../auth/login-answer.js';
import { createSession, requestOrigin } from '../auth/sessions.js';
import { approveDesktopRequest, findOpenDesktopRequest } from '../desktop-sign-in/requests.js';
import { identityProviderRepository, type IdentityProviderRow } from './identity-provider-repository.js';
import { providerConfiguration } from './provider-client.js';
import { ssoSignInRepository } from './sso-sign-in-repository.js';
import { redeemCode } from './token-check.js';
import { countRefusedToken, userForClaims } from './user-mapping.js';

/** How long the person may take at the provider. */
const SIGN_IN_TTL_MS = 10 * 60_000;
/** Ties a sign-in to the browser that started it (login CSRF); Lax, as the provider's redirect is cross-site. */
const BROWSER_COOKIE = 'sso_browser';
const COOKIE_PATH = '/api/auth/sso';

const ProviderParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });
const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

export const callbackUri = (ctx: ApplianceContext, providerId: number) =>
  `${ctx.publicUrl()}/api/auth/sso/${providerId}/callback`;

/** The web console's page for a refusal: back to the login, or to the desktop sign-in being completed. */
const pageFor = (desktopRequest: string | null | undefined) => (code: string) =>
  desktopRequest ? `${desktopSignInPage(desktopRequest)}&error=${code}` : `/console/#/login?error=${code}`;

async function usableProvider(ctx: ApplianceContext, id: number): Promise<IdentityProviderRow> {
  const provider = await identityProviderRepository(ctx.db).findById(id);
  if (!provider) throw httpError(404, 'not_found', 'There is no such identity provider.');
  if (!provider.enabled) throw httpError(403, 'identity_provider_disabled', 'This identity provider is turned off.');
  return provider;
}

function browserBinding(ctx: ApplianceContext, request: FastifyRequest, reply: FastifyReply): string {
  const existing = requestCookies(request)[BROWSER_COOKIE];
  const value =
    existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : crypto.randomBytes(32).toString('base64url');
  reply.setCookie(BROWSER_COOKIE, value, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.publicUrl().startsWith('https:'),
    maxAge: SIGN_IN_TTL_MS / 1000,
  });
  return value;
}

async function start(
  ctx: ApplianceContext,
  request: FastifyRequest,
  reply: FastifyReply,
  providerId: number,
  desktopRequest?: string,
) {
  const provider = await usableProvider(ctx, providerId);
  if (desktopRequest) await findOpenDesktopRequest(ctx, desktopRequest);
  const config = await providerConfiguration(ctx, provider);
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const now = ctx.clock.now();
  const signIns = ssoSignInRepository(ctx.db);
  await signIns.pruneExpiredBefore(now.toISOString());
  await signIns.insert({
    state_hash: sha256(state),
    provider_id: provider.id,
    browser_hash: sha256(browserBinding(ctx, request, reply)),
    nonce,
    code_verifier: codeVerifier,
    desktop_request: desktopRequest ?? null,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SIGN_IN_TTL_MS).toISOString(),
    used_at: null,
  });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUri(ctx, provider.id),
    scope: provider.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return reply.redirect(url.href, 302);
}

async function callback(
  ctx: ApplianceContext,
  request: FastifyRequest<{ Querystring: SsoCallbackQuery }>,
  reply: FastifyReply,
  providerId: number,
  done: (d: string | null) => void,
) {
  const q = request.query;
  const now = ctx.clock.now().toISOString();
  const signIn = q.state ? await ssoSignInRepository(ctx.db).spend(sha256(q.state), now) : null;
  const cookie = requestCookies(request)[BROWSER_COOKIE];
  if (!signIn || signIn.provider_id !== providerId || !cookie || sha256(cookie) !== signIn.browser_hash)
    throw httpError(
      400,
      'sso_state_invalid',
      'This sign-in is unknown, expired, already used or was started in another browser.',
    );
  done(signIn.desktop_request);
  if (q.error)
    throw httpError(401, 'sso_provider_error', 'The identity provider refused the sign-in.', {
      error: q.error.slice(0, 64),
    });
  const provider = await usableProvider(ctx, providerId);
  const config = await providerConfiguration(ctx, provider);
  const url = new URL(request.url, ctx.publicUrl());
  const claims = await redeemCode(ctx, config, provider, signIn, url, q.state!, (error, stated) =>
    countRefusedToken(ctx, provider, error, stated),
  );
  const user = await userForClaims(ctx, provider, claims);

  if (signIn.desktop_request)
    return reply.redirect(await approveDesktopRequest(ctx, signIn.desktop_request, user.id, null), 302);
  const session = await createSession(ctx, {
    userId: user.id,
    client: 'web',
    installId: null,
    consoleVersion: null,
    restriction: null,
    method: 'sso',
    secondFactor: null,
    ...requestOrigin(request),
  });
  await setSessionCookies(ctx, reply, session.token);
  return reply.redirect('/console/', 303);
}

export function registerSsoSignInRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  app.get(
    '/api/auth/sso/:id/start',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with an identity provider: redirects to it (authorization code flow with PKCE).',
        params: ProviderParams,
        querystring: SsoStartQuery,
        response: { 302: Type.Null(), 303: Type.Null(), ...errorResponses(400, 403, 404, 502) },
      },
    },
    async (request, reply) => {
      const { desktop_request } = request.query;
      try {
        return await start(ctx, request, reply, Number(request.params.id), desktop_request);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return refuseNavigation(request, reply, err, pageFor(desktop_request));
      }
    },
  );

  app.get(
    '/api/auth/sso/:id/callback',
    {
      schema: {
        tags: ['auth'],
        summary: "The identity provider's redirect back: a web session, or the desktop sign-in completed.",
        params: ProviderParams,
        querystring: SsoCallbackQuery,
        response: { 302: Type.Null(), 303: Type.Null(), ...errorResponses(400, 401, 403, 404, 423, 502) },
      },
    },
    async (request, reply) => {
      let desktopRequest: string | null = null;
      try {
        return await callback(ctx, request, reply, Number(request.params.id), (d) => (desktopRequest = d));
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return refuseNavigation(request, reply, err, pageFor(desktopRequest));
      }
    },
  );
}
