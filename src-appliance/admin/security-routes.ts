import { SecuritySettings, SecuritySettingsPatch } from '../../src-shared/api/site.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { getSecuritySettings, mergeSecurityPatch, updateSecuritySettings } from '../site/security-settings.js';
import { appendAudit, diffFields } from '../audit/audit-log.js';
import { refuseLockout } from './self-lockout.js';

/**
 * /login > Management > Security: `GET/PUT /api/admin/security` (PUT takes any subset of fields).
 * A change that would lock the saving admin or every technician out is refused (./self-lockout.ts).
 */
export function registerSecurityRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;
  app.get(
    '/api/admin/security',
    {
      schema: { tags: ['admin'], security, response: { 200: SecuritySettings, ...errorResponses(401, 403) } },
      preHandler: admin,
    },
    async () => getSecuritySettings(ctx),
  );
  app.put(
    '/api/admin/security',
    {
      schema: {
        tags: ['admin'],
        security,
        body: SecuritySettingsPatch,
        response: { 200: SecuritySettings, ...errorResponses(400, 401, 403, 422) },
      },
      preHandler: admin,
    },
    async (request) => {
      const before = await getSecuritySettings(ctx);
      await refuseLockout(ctx, request.session!.user, before, mergeSecurityPatch(before, request.body));
      return updateSecuritySettings(ctx, request.body, async (trx, stored, next) => {
        const changes = diffFields(stored, next);
        if (Object.keys(changes).length > 0)
          await appendAudit(
            trx,
            request,
            { kind: 'security.updated', target: { target: 'security' }, changes },
            ctx.clock.now(),
          );
      });
    },
  );
}
