/**
 * `GET/PUT /api/admin/customer-client`: the elevation rules, for administrators. A change is
 * stored and appended to the audit log in one transaction (old → new per rule).
 */
import {
  CustomerClientPatch,
  CustomerClientSettings,
  type CustomerClientSettings as Rules,
} from '../../src-shared/api/customer-client.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { inTransaction } from '../db/transaction.js';
import { appendAudit, diffFields } from '../audit/audit-log.js';
import { customerClientRepository } from './customer-client-repository.js';

const rulesOf = ({ updated_at: _at, ...rules }: Rules) => rules;

export function registerCustomerClientRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;
  app.get(
    '/api/admin/customer-client',
    {
      schema: {
        tags: ['admin'],
        security,
        summary: 'The customer client’s elevation rules.',
        response: { 200: CustomerClientSettings, ...errorResponses(401, 403) },
      },
      preHandler: admin,
    },
    async () => customerClientRepository(ctx.db).get(),
  );
  app.put(
    '/api/admin/customer-client',
    {
      schema: {
        tags: ['admin'],
        security,
        summary: 'Sets one elevation rule or both.',
        body: CustomerClientPatch,
        response: { 200: CustomerClientSettings, ...errorResponses(400, 401, 403) },
      },
      preHandler: admin,
    },
    async (request) => {
      const now = ctx.clock.now();
      return inTransaction(ctx.db, async (trx) => {
        const rules = customerClientRepository(trx);
        const before = await rules.get();
        const changes = diffFields(rulesOf(before), request.body);
        if (Object.keys(changes).length === 0) return before;
        const after = await rules.update(request.body, now.toISOString());
        await appendAudit(
          trx,
          request,
          { kind: 'customer_client.updated', target: { target: 'customer_client' }, changes },
          now,
        );
        return after;
      });
    },
  );
}
