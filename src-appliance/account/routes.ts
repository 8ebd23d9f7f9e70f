/**
 * My Account: `GET/PATCH /api/account`, `PUT /api/account/email`, `PUT /api/account/password`,
 * `GET /api/account/sessions`, `DELETE /api/account/sessions/{id}`.
 */
import Type from 'typebox';
import {
  Account,
  AccountPatch,
  EmailChange,
  PasswordChange,
  SessionId,
  SessionList,
} from '../../src-shared/api/account.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireSession } from '../auth/session-guard.js';
import { endSession } from '../auth/sessions.js';
import { verifyUserPassword } from '../auth/verify-password.js';
import { getSecuritySettings } from '../site/security-settings.js';
import { userRepository, type UserChanges } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { sessionRepository } from '../auth/session-repository.js';
import { buildAccount } from './account-view.js';
import { patchDisplayNames } from './display-name-patch.js';
import { afterEmailChange } from './email-change.js';
import { applyNewPassword } from './password-change.js';
import { type FastifyRequest } from 'fastify';

export function registerAccountRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const loggedIn = requireSession(ctx);
  const anySession = requireSession(ctx, { allowRestricted: true });
  const security = SESSION_SECURITY;
  const users = userRepository(ctx.db);

  async function currentUser(request: FastifyRequest): Promise<UserRow> {
    const user = await users.findById(request.session!.userId);
    if (!user) throw httpError(401, 'unauthenticated', 'Log in first.');
    return user;
  }
  const view = async (request: FastifyRequest, user?: UserRow) =>
    buildAccount(ctx, user ?? (await currentUser(request)), request.session!.restriction);

  app.get(
    '/api/account',
    {
      schema: { tags: ['account'], security, response: { 200: Account, ...errorResponses(401) } },
      preHandler: anySession,
    },
    // The guard has just read the user row: no second query on the hottest route.
    async (request) => buildAccount(ctx, request.session!.user, request.session!.restriction),
  );

  app.patch(
    '/api/account',
    {
      schema: {
        tags: ['account'],
        security,
        body: AccountPatch,
        response: { 200: Account, ...errorResponses(400, 401, 403) },
      },
      preHandler: loggedIn,
    },
    async (request) => {
      const user = await currentUser(request);
      const names = patchDisplayNames(user, request.body);
      const set: UserChanges = { ...names, updated_at: ctx.clock.now().toISOString() };
      const wantsAvailability = request.body.extended_availability_enabled;
      if (wantsAvailability !== undefined) {
        if (wantsAvailability && !user.extended_availability_allowed) {
          throw httpError(
            403,
            'extended_availability_not_allowed',
            'Your administrator has not allowed extended availability for you.',
          );
        }
        set.extended_availability_enabled = wantsAvailability ? 1 : 0;
      }
      await users.update(user.id, set);
      ctx.domain.emit('account.changed', { userId: user.id });
      return view(request);
    },
  );

  app.put(
    '/api/account/email',
    {
      schema: {
        tags: ['account'],
        security,
        body: EmailChange,
        response: { 200: Account, ...errorResponses(400, 401, 403, 422, 423) },
      },
      preHandler: loggedIn,
    },
    async (request) => {
      const user = await currentUser(request);
      await verifyUserPassword(ctx, user, request.body.current_password);
      const settings = await getSecuritySettings(ctx);
      const language = request.body.preferred_email_language;
      if (language !== undefined && !settings.languages.includes(language)) {
        throw httpError(422, 'language_not_enabled', 'That language is not enabled on this site.', {
          languages: settings.languages,
        });
      }
      const email = request.body.email_address.trim();
      await users.update(user.id, {
        email_address: email,
        preferred_email_language: language ?? user.preferred_email_language,
        updated_at: ctx.clock.now().toISOString(),
      });
      await afterEmailChange(ctx, user, email, request.session!.id);
      return view(request);
    },
  );

  app.put(
    '/api/account/password',
    {
      schema: {
        tags: ['account'],
        security,
        body: PasswordChange,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 422, 423) },
      },
      preHandler: anySession,
    },
    async (request, reply) => {
      const session = request.session!;
      if (session.restriction === 'two_factor_enrollment')
        throw httpError(403, 'two_factor_enrollment_required', 'Set up two-factor authentication first.');
      const user = await currentUser(request);
      if (request.body.username.toLowerCase() !== user.username.toLowerCase()) {
        throw httpError(422, 'username_mismatch', 'The username is not the one you are logged in with.');
      }
      await verifyUserPassword(ctx, user, request.body.current_password);
      await applyNewPassword(ctx, user, request.body.new_password, { via: 'account', exceptSession: session.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/account/sessions',
    {
      schema: { tags: ['account'], security, response: { 200: SessionList, ...errorResponses(401, 403) } },
      preHandler: loggedIn,
    },
    async (request) => {
      const rows = await sessionRepository(ctx.db).listForUser(request.session!.userId);
      return { sessions: rows.map((r) => ({ ...r, current: r.id === request.session!.id })) };
    },
  );

  app.delete(
    '/api/account/sessions/:id',
    {
      schema: {
        tags: ['account'],
        security,
        params: Type.Object({ id: SessionId }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: loggedIn,
    },
    async (request, reply) => {
      const ended = await endSession(ctx, request.session!.userId, request.params.id, 'ended_by_user');
      if (!ended) throw httpError(404, 'not_found', 'No such session.');
      return reply.status(204).send(null);
    },
  );
}
