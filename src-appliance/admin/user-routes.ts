/** Technician accounts for admins: `GET/POST /api/admin/users`, `PATCH /api/admin/users/{id}`. */
import {
  AdminUser,
  AdminUserCreate,
  AdminUserList,
  AdminUserPatch,
  AdminUserQuery,
} from '../../src-shared/api/admin.js';
import { decodeUserKey, encodeUserKey, sortValue, userSearchRepository } from '../users/user-search-repository.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { endSessions } from '../auth/sessions.js';
import { revokeUpdateTokensOf } from '../console-releases/owner-revocation.js';
import { patchDisplayNames } from '../account/display-name-patch.js';
import { userRepository, type UserChanges } from '../users/user-repository.js';
import { afterEmailChange, emailChanged } from '../account/email-change.js';
import { inTransaction } from '../db/transaction.js';
import { buildAdminUser } from './user-view.js';
import { createUser } from './user-creation.js';
import { UserIdParams, userById } from '../users/user-by-id.js';
import { appendAudit, diffFields, userTarget } from '../audit/audit-log.js';

/** Rows per page of the user table. */
const USER_PAGE = 50;

export function registerUserRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;
  const users = userRepository(ctx.db);

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        security,
        querystring: AdminUserQuery,
        response: { 200: AdminUserList, ...errorResponses(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      const sort = request.query.sort ?? 'username';
      const after = request.query.cursor === undefined ? null : decodeUserKey(request.query.cursor);
      if (request.query.cursor !== undefined && !after)
        throw httpError(400, 'validation_failed', 'The cursor is not one this appliance made.', { field: 'cursor' });
      const rows = await userSearchRepository(ctx.db).page({ q: request.query.q, sort, after, limit: USER_PAGE + 1 });
      const page = rows.slice(0, USER_PAGE);
      const last = page.at(-1);
      return {
        users: await Promise.all(page.map((u) => buildAdminUser(ctx, u))),
        next_cursor:
          rows.length > USER_PAGE && last ? encodeUserKey({ value: sortValue(last, sort), id: last.id }) : null,
      };
    },
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        security,
        body: AdminUserCreate,
        response: { 201: AdminUser, ...errorResponses(400, 401, 403, 409, 422) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const user = await createUser(ctx, request, request.body);
      return reply.status(201).send(await buildAdminUser(ctx, user));
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        security,
        params: UserIdParams,
        body: AdminUserPatch,
        response: { 200: AdminUser, ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: admin,
    },
    async (request) => {
      const user = await userById(ctx.db, request.params.id);
      const p = request.body;
      const set: UserChanges = { ...patchDisplayNames(user, p), updated_at: ctx.clock.now().toISOString() };
      if (p.enabled !== undefined) set.enabled = p.enabled ? 1 : 0;
      if (p.is_admin !== undefined) set.is_admin = p.is_admin ? 1 : 0;
      if (p.two_factor_required !== undefined) set.two_factor_required = p.two_factor_required ? 1 : 0;
      if (p.extended_availability_allowed !== undefined) {
        set.extended_availability_allowed = p.extended_availability_allowed ? 1 : 0;
        if (!p.extended_availability_allowed) set.extended_availability_enabled = 0;
      }
      if (p.password_change_required !== undefined) set.password_change_required = p.password_change_required ? 1 : 0;
      if (p.email_address !== undefined) set.email_address = p.email_address === null ? null : p.email_address.trim();
      if (p.unlock) Object.assign(set, { failed_login_count: 0, locked_until: null, locked_by_admin_only: 0 });

      const losesAdmin = user.is_admin === 1 && (set.is_admin === 0 || set.enabled === 0);
      const before = await buildAdminUser(ctx, user);
      const { unlock, ...fields } = p;
      const changes = diffFields(before, fields);
      if (unlock && before.locked) changes.locked = { old: true, new: false };
      const kind = unlock && Object.keys(changes).length === 1 && changes.locked ? 'user.unlocked' : 'user.updated';
      await inTransaction(ctx.db, async (trx) => {
        const inTrx = userRepository(trx);
        if (!losesAdmin) await inTrx.update(user.id, set);
        // Thrown inside the transaction, so the change is rolled back.
        else if (!(await inTrx.updateKeepingAnAdmin(user.id, set)))
          throw httpError(409, 'conflict', 'The site needs at least one enabled administrator.');
        if (Object.keys(changes).length > 0)
          await appendAudit(trx, request, { kind, target: userTarget(user), changes }, ctx.clock.now());
      });
      if (unlock && before.locked) ctx.domain.emit('account.unlocked', { userId: user.id });
      if (set.enabled === 0) {
        await endSessions(ctx, user.id, { reason: 'disabled' });
        await revokeUpdateTokensOf(ctx, user.id, 'disabled');
      }
      // The same rules as a change in My Account (the admin's own session kept when it is theirs).
      if (p.email_address !== undefined && emailChanged(user, set.email_address!))
        await afterEmailChange(ctx, user, set.email_address!, request.session!.id);
      ctx.domain.emit('account.changed', { userId: user.id });
      return buildAdminUser(ctx, (await users.findById(user.id))!);
    },
  );
}
