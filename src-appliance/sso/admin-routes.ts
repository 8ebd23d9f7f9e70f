/**
 * The site's identity providers for admins: `GET/POST /api/admin/identity-providers`,
 * `PATCH/DELETE /api/admin/identity-providers/{id}`. The client secret is sealed with the site key
 * as it arrives and is never answered (`client_secret_set` says that one is there).
 */
import Type from 'typebox';
import {
  IDENTITY_PROVIDER_DEFAULTS,
  IdentityProvider,
  IdentityProviderCreate,
  IdentityProviderList,
  IdentityProviderPatch,
} from '../../src-shared/api/identity-providers.js';
import { type IssuerProblem, providerName, providerRuleProblems } from '../../src-shared/identity-provider-check.js';
import { type ApplianceContext } from '../context.js';
import { type ApplianceApp } from '../http/app-type.js';
import { httpError } from '../http/api-error.js';
import { SESSION_SECURITY, errorResponses } from '../http/schema-helpers.js';
import { requireAdmin } from '../auth/session-guard.js';
import { identityProviderRepository, type IdentityProviderRow } from './identity-provider-repository.js';
import { sealSecret } from './provider-client.js';
import { appendAudit, diffFields } from '../audit/audit-log.js';
import { refuseLastEnabledProviderGone } from './provider-lockout.js';

const ProviderParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });

const auditTarget = (p: IdentityProvider) => ({ target: `identity_provider:${p.id}`, label: p.name });
/** The audited fields: what an admin set (the secret only as "changed", see audit-log.ts). */
const audited = ({
  id: _id,
  created_at: _c,
  updated_at: _u,
  redirect_uri: _r,
  client_secret_set: _s,
  ...rest
}: IdentityProvider) => rest;

export function providerView(ctx: ApplianceContext, row: IdentityProviderRow): IdentityProvider {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    issuer: row.issuer,
    client_id: row.client_id,
    client_secret_set: row.client_secret_sealed !== '',
    scopes: row.scopes,
    username_claim: row.username_claim,
    display_name_claim: row.display_name_claim,
    email_claim: row.email_claim,
    admin_group_claim: row.admin_group_claim,
    admin_group_value: row.admin_group_value,
    jit_provisioning: row.jit_provisioning === 1,
    enabled: row.enabled === 1,
    redirect_uri: `${ctx.publicUrl()}/api/auth/sso/${row.id}/callback`,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

type Checked = Pick<IdentityProviderRow, 'name' | 'issuer' | 'scopes' | 'admin_group_claim' | 'admin_group_value'>;

const ISSUER_TEXT: Record<IssuerProblem, string> = {
  not_url: 'is not a valid URL',
  not_https: 'must use https: (http: only for localhost, 127.0.0.0/8 and [::1])',
  credentials: 'must not contain a user name or password',
  query_or_fragment: 'must not contain a query or fragment',
};

const RULE_TEXT: Record<string, string> = {
  visible_text: 'The name must be visible text on one line.',
  openid: 'The scopes must include openid.',
  admin_group_pair: 'Give both the admin group claim and its value, or neither.',
};

/** The rules a schema cannot say (src-shared/identity-provider-check.ts); the values as they will be stored. */
function check(p: Checked): Checked {
  const [problem] = providerRuleProblems(p);
  if (problem?.rule === 'issuer')
    throw httpError(422, 'insecure_issuer_url', `The issuer ${ISSUER_TEXT[problem.reason]}.`, {
      field: 'issuer',
      reason: problem.reason,
    });
  if (problem)
    throw httpError(422, 'identity_provider_invalid', RULE_TEXT[problem.rule] ?? 'The provider is not valid.', {
      field: problem.field,
      rule: problem.rule,
    });
  return { ...p, name: providerName(p.name), issuer: p.issuer.trim() };
}

export function registerIdentityProviderRoutes(app: ApplianceApp, ctx: ApplianceContext): void {
  const admin = requireAdmin(ctx);
  const security = SESSION_SECURITY;
  const providers = () => identityProviderRepository(ctx.db);
  const notFound = () => httpError(404, 'not_found', 'There is no such identity provider.');

  app.get(
    '/api/admin/identity-providers',
    {
      schema: { tags: ['admin'], security, response: { 200: IdentityProviderList, ...errorResponses(401, 403) } },
      preHandler: admin,
    },
    async () => ({ identity_providers: (await providers().list()).map((r) => providerView(ctx, r)) }),
  );

  app.post(
    '/api/admin/identity-providers',
    {
      schema: {
        tags: ['admin'],
        security,
        body: IdentityProviderCreate,
        response: { 201: IdentityProvider, ...errorResponses(400, 401, 403, 422) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const { client_secret, enabled, jit_provisioning, ...rest } = { ...IDENTITY_PROVIDER_DEFAULTS, ...request.body };
      const fields = { ...rest, ...check(rest) };
      const now = ctx.clock.now().toISOString();
      const row = await providers().insert(
        {
          ...fields,
          enabled: enabled ? 1 : 0,
          jit_provisioning: jit_provisioning ? 1 : 0,
          created_at: now,
          updated_at: now,
        },
        (id) => sealSecret(ctx, id, client_secret),
      );
      const view = providerView(ctx, row);
      await appendAudit(
        ctx.db,
        request,
        {
          kind: 'identity_provider.created',
          target: auditTarget(view),
          changes: { ...diffFields({}, audited(view)), client_secret: { old: null, new: client_secret } },
        },
        ctx.clock.now(),
      );
      return reply.status(201).send(view);
    },
  );

  app.patch(
    '/api/admin/identity-providers/:id',
    {
      schema: {
        tags: ['admin'],
        security,
        params: ProviderParams,
        body: IdentityProviderPatch,
        response: { 200: IdentityProvider, ...errorResponses(400, 401, 403, 404, 422) },
      },
      preHandler: admin,
    },
    async (request) => {
      const id = Number(request.params.id);
      const current = await providers().findById(id);
      if (!current) throw notFound();
      const { client_secret, enabled, jit_provisioning, ...patch } = request.body;
      const merged = check({ ...current, ...patch });
      if (enabled === false) await refuseLastEnabledProviderGone(ctx, id, current.enabled === 1);
      const row = await providers().update(id, {
        ...patch,
        ...(patch.name !== undefined ? { name: merged.name } : {}),
        ...(patch.issuer !== undefined ? { issuer: merged.issuer } : {}),
        ...(client_secret !== undefined ? { client_secret_sealed: sealSecret(ctx, id, client_secret) } : {}),
        ...(enabled !== undefined ? { enabled: enabled ? 1 : 0 } : {}),
        ...(jit_provisioning !== undefined ? { jit_provisioning: jit_provisioning ? 1 : 0 } : {}),
        updated_at: ctx.clock.now().toISOString(),
      });
      if (!row) throw notFound();
      const view = providerView(ctx, row);
      const changes = diffFields(audited(providerView(ctx, current)), audited(view));
      if (client_secret !== undefined) changes.client_secret = { old: 'set', new: client_secret };
      await appendAudit(
        ctx.db,
        request,
        { kind: 'identity_provider.updated', target: auditTarget(view), changes },
        ctx.clock.now(),
      );
      return view;
    },
  );

  app.delete(
    '/api/admin/identity-providers/:id',
    {
      schema: {
        tags: ['admin'],
        security,
        params: ProviderParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 422) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const current = await providers().findById(Number(request.params.id));
      if (!current) throw notFound();
      await refuseLastEnabledProviderGone(ctx, current.id, current.enabled === 1);
      if (!(await providers().delete(current.id))) throw notFound();
      const target = auditTarget(providerView(ctx, current));
      await appendAudit(ctx.db, request, { kind: 'identity_provider.deleted', target }, ctx.clock.now());
      return reply.status(204).send(null);
    },
  );
}
