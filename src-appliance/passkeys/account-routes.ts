/**
 * My Account → Passkeys: `GET /api/account/passkeys`, `POST /api/account/passkeys/registration-options`
 * then `POST /api/account/passkeys` (add), `PATCH` and `DELETE /api/account/passkeys/{id}`. Adding
 * and deleting need a recent sign-in or the password, end the user's other sessions and send a
 * security notice (through the `passkey.changed` domain event). A session that must enrol a second
 * factor may add a passkey: it is one.
 */
import Type from 'typebox';
import { type FastifyRequest } from 'fastify';
import {
  PASSKEY_LIMIT,
  PasskeyId,
  PasskeyInfo,
  PasskeyList,
  PasskeyProof,
  PasskeyRegistration,
  PasskeyRegistrationOptions,
  PasskeyRename,
} from '../../src-shared/api/passkeys.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { errorResponses } from '../http/schema-helpers.js';
import { requireSession } from '../auth/session-guard.js';
import { endSessions, setSessionRestriction } from '../auth/sessions.js';
import { userRepository } from '../users/user-repository.js';
import { type UserRow } from '../users/tables.js';
import { passkeyRepository, type PasskeyRow } from './passkey-repository.js';
import { passkeyInfo } from './passkey-view.js';
import { cleanPasskeyName } from './passkey-name.js';
import { proveOwner } from './recent-sign-in.js';
import { completeRegistration, registrationOptions } from './registration.js';
import { passkeySettings, requirePasskeysAllowed } from './policy.js';
import { relyingPartyOf } from './relying-party.js';

const notFound = () => httpError(404, 'not_found', 'You have no passkey with this id.');
const IdParams = Type.Object({ id: PasskeyId });

export function registerPasskeyAccountRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const guard = requireSession(ctx);
  const enrolGuard = requireSession(ctx, { allowRestricted: true });
  const tags = ['passkeys'];

  async function currentUser(request: FastifyRequest, opts: { enrolling?: boolean } = {}): Promise<UserRow> {
    // Enrolling is open to sessions that must set up a second factor, not to one that must change its password.
    if (opts.enrolling && request.session!.restriction === 'password_change')
      throw httpError(403, 'password_change_required', 'Change your password first.');
    const user = await userRepository(ctx.db).findById(request.session!.userId);
    if (!user) throw httpError(401, 'unauthenticated', 'Log in first.');
    return user;
  }

  /** After a passkey was added or deleted: every other session ends, the owner is told. */
  async function changed(request: FastifyRequest, row: PasskeyRow, change: 'registered' | 'deleted') {
    await endSessions(ctx, row.user_id, { except: request.session!.id, reason: 'passkeys_changed' });
    ctx.domain.emit('passkey.changed', { userId: row.user_id, change, passkeyId: row.id, name: row.name });
    ctx.domain.emit('account.changed', { userId: row.user_id });
  }

  app.get(
    '/api/account/passkeys',
    {
      schema: {
        tags,
        summary: 'The passkeys of this account.',
        response: { 200: PasskeyList, ...errorResponses(401, 403) },
      },
      preHandler: enrolGuard,
    },
    async (request) => {
      const user = await currentUser(request, { enrolling: true });
      const settings = await passkeySettings(ctx);
      const rows = await passkeyRepository(ctx.db).listForUser(user.id);
      return {
        passkeys: rows.map(passkeyInfo),
        limit: PASSKEY_LIMIT,
        registration_allowed: settings.passkeys_allowed && relyingPartyOf(ctx) !== null,
      };
    },
  );

  app.post(
    '/api/account/passkeys/registration-options',
    {
      schema: {
        tags,
        summary: 'Start adding a passkey (needs the password unless the session signed in within 5 minutes).',
        body: PasskeyProof,
        response: { 200: PasskeyRegistrationOptions, ...errorResponses(400, 401, 403, 409, 423, 429) },
      },
      preHandler: enrolGuard,
    },
    async (request) => {
      const user = await currentUser(request, { enrolling: true });
      const settings = await passkeySettings(ctx);
      requirePasskeysAllowed(settings);
      await proveOwner(ctx, request, user, request.body);
      return registrationOptions(ctx, user, request.session!.id, settings);
    },
  );

  app.post(
    '/api/account/passkeys',
    {
      schema: {
        tags,
        summary: 'Add the passkey the browser created for the registration options.',
        body: PasskeyRegistration,
        response: { 201: PasskeyInfo, ...errorResponses(400, 401, 403, 409) },
      },
      preHandler: enrolGuard,
    },
    async (request, reply) => {
      const user = await currentUser(request, { enrolling: true });
      const settings = await passkeySettings(ctx);
      requirePasskeysAllowed(settings);
      const name = cleanPasskeyName(request.body.name);
      const row = await completeRegistration(ctx, user, request.session!.id, settings, { ...request.body, name });
      if (request.session!.restriction === 'two_factor_enrollment')
        await setSessionRestriction(ctx, request.session!.id, null);
      await changed(request, row, 'registered');
      return reply.status(201).send(passkeyInfo(row));
    },
  );

  app.patch(
    '/api/account/passkeys/:id',
    {
      schema: {
        tags,
        summary: 'Rename a passkey.',
        params: IdParams,
        body: PasskeyRename,
        response: { 200: PasskeyInfo, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request) => {
      const user = await currentUser(request);
      const row = await passkeyRepository(ctx.db).rename(
        user.id,
        request.params.id,
        cleanPasskeyName(request.body.name),
      );
      if (!row) throw notFound();
      ctx.domain.emit('passkey.changed', { userId: user.id, change: 'renamed', passkeyId: row.id, name: row.name });
      return passkeyInfo(row);
    },
  );

  app.delete(
    '/api/account/passkeys/:id',
    {
      schema: {
        tags,
        summary: 'Delete a passkey (needs the password unless the session signed in within 5 minutes).',
        params: IdParams,
        body: PasskeyProof,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 423) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const user = await currentUser(request);
      const repo = passkeyRepository(ctx.db);
      const row = (await repo.listForUser(user.id)).find((p) => p.id === request.params.id);
      if (!row) throw notFound();
      await proveOwner(ctx, request, user, request.body);
      if (!(await repo.delete(user.id, row.id))) throw notFound();
      await changed(request, row, 'deleted');
      return reply.status(204).send(null);
    },
  );
}
