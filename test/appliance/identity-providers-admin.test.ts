/**
 * The admin API for the site's identity providers: create, list, change, delete; the client secret
 * sealed with the site key and never answered; what it refuses (insecure issuers, scopes without
 * openid, half an admin group rule, invisible names, non-admins); `/api/site` lists the enabled ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, tokenFor } from '../support/api-client.js';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.js';
import { ssoSignIn } from '../support/sso-browser.js';
import { registerProvider } from '../support/sso.js';
import { IDENTITY_PROVIDER_DEFAULTS } from '../../src-shared/api/identity-providers.js';
import { identityProviderProblems, type ProviderValues } from '../../src-shared/identity-provider-check.js';

let app: TestAppliance;
let idp: TestIdp;
let admin: string;
beforeAll(async () => {
  [app, idp] = await Promise.all([startTestAppliance(), startTestIdp()]);
  admin = await adminToken(app);
});
afterAll(async () => {
  await app?.close();
  await idp?.stop();
});

const SECRET = 'client-secret-that-must-never-come-back';
const body = (fields: Record<string, unknown> = {}) => ({
  kind: 'oidc',
  name: 'Entra ID',
  issuer: 'https://login.example.com/tenant/v2.0',
  client_id: 'support-console',
  client_secret: SECRET,
  enabled: true,
  ...fields,
});
const create = (fields: Record<string, unknown> = {}, token = admin) =>
  call(app, 'POST', '/api/admin/identity-providers', { token, body: body(fields) });

describe('identity providers (admin API)', () => {
  it('creates a provider with the defaults filled in; the answer says a secret is set, never which', async () => {
    const res = await create();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      kind: 'oidc',
      name: 'Entra ID',
      issuer: 'https://login.example.com/tenant/v2.0',
      client_id: 'support-console',
      client_secret_set: true,
      scopes: 'openid profile email',
      username_claim: 'preferred_username',
      display_name_claim: 'name',
      email_claim: 'email',
      admin_group_claim: null,
      admin_group_value: null,
      jit_provisioning: false,
      enabled: true,
      redirect_uri: `${app.url}/api/auth/sso/${res.body.id}/callback`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const list = await call(app, 'GET', '/api/admin/identity-providers', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.identity_providers.map((p: { id: number }) => p.id)).toContain(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
  });

  it('stores the secret sealed with the site key, bound to its provider', async () => {
    const { body: p } = await create({ name: 'Sealed' });
    const row = await app.ctx.db
      .selectFrom('identity_providers')
      .select('client_secret_sealed')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(SECRET);
    expect(row.client_secret_sealed).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(row.client_secret_sealed.length).toBeGreaterThan(SECRET.length);
  });

  it('changes fields with PATCH, a new secret replaces the old, and the change is answered', async () => {
    const { body: p } = await create({ name: 'Okta' });
    const before = await app.ctx.db
      .selectFrom('identity_providers')
      .select('client_secret_sealed')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    const res = await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, {
      token: admin,
      body: {
        name: '  Okta (staff)  ',
        jit_provisioning: true,
        admin_group_claim: 'groups',
        admin_group_value: 'admins',
        client_secret: 'the-new-one',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Okta (staff)',
      jit_provisioning: true,
      admin_group_claim: 'groups',
      admin_group_value: 'admins',
      client_secret_set: true,
    });
    expect(JSON.stringify(res.body)).not.toContain('the-new-one');
    const after = await app.ctx.db
      .selectFrom('identity_providers')
      .select('client_secret_sealed')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(after.client_secret_sealed).not.toBe(before.client_secret_sealed);
  });

  it('deletes a provider (204); then it is not_found for the admin API and for signing in', async () => {
    const { body: p } = await create({ name: 'Gone' });
    expect((await call(app, 'DELETE', `/api/admin/identity-providers/${p.id}`, { token: admin })).status).toBe(204);
    expectError(await call(app, 'DELETE', `/api/admin/identity-providers/${p.id}`, { token: admin }), 404, 'not_found');
    expectError(
      await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, { token: admin, body: { enabled: false } }),
      404,
      'not_found',
    );
    expectError(await call(app, 'GET', `/api/auth/sso/${p.id}/start`), 404, 'not_found');
  });

  it('refuses an issuer that is not https (http only on literal loopback): insecure_issuer_url', async () => {
    for (const issuer of ['http://login.example.com', 'ftp://login.example.com', 'https://u:p@login.example.com']) {
      expectError(await create({ issuer }), 422, 'insecure_issuer_url');
    }
    expectError(await create({ issuer: 'https://login.example.com/?tenant=1' }), 422, 'insecure_issuer_url');
    expect((await create({ issuer: 'http://127.0.0.1:8080/realms/x' })).status).toBe(201);
    expect((await create({ issuer: 'http://[::1]:8080' })).status).toBe(201);
  });

  it('refuses scopes without openid, half an admin group rule, and a name that is not visible text', async () => {
    expectError(await create({ scopes: 'profile email' }), 422, 'identity_provider_invalid');
    expectError(await create({ admin_group_claim: 'groups' }), 422, 'identity_provider_invalid');
    expectError(await create({ admin_group_value: 'admins' }), 422, 'identity_provider_invalid');
    expectError(await create({ name: '\u200b' }), 422, 'identity_provider_invalid');
    expectError(await create({ name: 'a\nb' }), 422, 'identity_provider_invalid');
    // Schema: another kind, a missing secret, unknown fields, an empty patch.
    expectError(await create({ kind: 'saml' }), 400, 'validation_failed');
    expectError(await create({ client_secret: undefined }), 400, 'validation_failed');
    expectError(await create({ client_secret_sealed: 'x' }), 400, 'validation_failed');
    const { body: p } = await create({ name: 'Patchable' });
    expectError(
      await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, { token: admin, body: {} }),
      400,
      'validation_failed',
    );
    expectError(
      await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, {
        token: admin,
        body: { scopes: 'email profile' },
      }),
      422,
      'identity_provider_invalid',
    );
    // Nothing half-written: the provider is as it was.
    const list = await call(app, 'GET', '/api/admin/identity-providers', { token: admin });
    expect(list.body.identity_providers.find((x: { id: number }) => x.id === p.id).scopes).toBe('openid profile email');
  });

  it('refuses exactly what the shared checks of the provider form find, with the field they name', async () => {
    const { kind: _kind, ...given } = body({ name: 'Parity', enabled: false });
    const valid = { ...IDENTITY_PROVIDER_DEFAULTS, ...given } as ProviderValues;
    expect(identityProviderProblems(valid, { secret: true })).toEqual([]);
    const bad: Partial<ProviderValues>[] = [
      { name: '' },
      { name: 'x'.repeat(65) },
      { name: ' \u200b ' },
      { issuer: 'http://login.example.com' },
      { issuer: 'login.example.com/x' },
      { issuer: 'https://login.example.com/#x' },
      { issuer: 'https:/' },
      { client_id: '' },
      { client_secret: '' },
      { scopes: 'profile email' },
      { scopes: 'openid  email' },
      { username_claim: 'preferred username' },
      { email_claim: '' },
      { admin_group_claim: 'groups' },
      { admin_group_value: 'admins' },
      { admin_group_claim: '', admin_group_value: 'admins' },
    ];
    for (const change of bad) {
      const values = { ...valid, ...change };
      const [first] = identityProviderProblems(values, { secret: true });
      expect(first, JSON.stringify(change)).toBeDefined();
      const res = await create(values);
      const schemaRule = first!.rule === 'length' || first!.rule === 'format';
      expect([res.status, res.body.error.code], JSON.stringify(change)).toEqual(
        schemaRule
          ? [400, 'validation_failed']
          : [422, first!.rule === 'issuer' ? 'insecure_issuer_url' : 'identity_provider_invalid'],
      );
      if (!schemaRule) expect(res.body.error.details.field, JSON.stringify(change)).toBe(first!.field);
    }
  });

  it('is for administrators only: 401 without a session, 403 for a technician', async () => {
    const u = await createUser(app, admin);
    const tech = await tokenFor(app, u.username, u.password);
    expectError(await call(app, 'GET', '/api/admin/identity-providers'), 401, 'unauthenticated');
    expectError(await call(app, 'GET', '/api/admin/identity-providers', { token: tech }), 403, 'forbidden');
    expectError(await create({}, tech), 403, 'forbidden');
  });

  it('GET /api/site lists the enabled providers by name, without anything else', async () => {
    const on = (await create({ name: 'Listed' })).body;
    const off = (await create({ name: 'Hidden', enabled: false })).body;
    const site = await call(app, 'GET', '/api/site');
    expect(site.body.identity_providers).toContainEqual({ id: on.id, name: 'Listed' });
    expect(site.body.identity_providers.map((p: { id: number }) => p.id)).not.toContain(off.id);
    expect(JSON.stringify(site.body)).not.toContain(SECRET);
    await call(app, 'PATCH', `/api/admin/identity-providers/${off.id}`, { token: admin, body: { enabled: true } });
    const again = await call(app, 'GET', '/api/site');
    expect(again.body.identity_providers).toContainEqual({ id: off.id, name: 'Hidden' });
  });
});

describe('the audit log', () => {
  it('records creating, changing and deleting a provider, the secret only as redacted', async () => {
    const { body: p } = await create({ name: 'Audited' });
    await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, {
      token: admin,
      body: { enabled: false, client_secret: 'another-secret-value' },
    });
    await call(app, 'DELETE', `/api/admin/identity-providers/${p.id}`, { token: admin });
    const log = await call(app, 'GET', '/api/admin/audit?kind=identity_provider.', { token: admin });
    expect(log.status).toBe(200);
    const mine = log.body.entries.filter((e: { target: string }) => e.target === `identity_provider:${p.id}`);
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual([
      'identity_provider.deleted',
      'identity_provider.updated',
      'identity_provider.created',
    ]);
    expect(mine[2].changes).toMatchObject({
      name: { old: null, new: 'Audited' },
      issuer: { old: null, new: 'https://login.example.com/tenant/v2.0' },
      client_secret: { old: null, new: '[redacted]' },
    });
    expect(mine[1].changes).toEqual({
      enabled: { old: true, new: false },
      client_secret: { old: '[redacted]', new: '[redacted]' },
    });
    expect(mine[0].target_label).toBe('Audited');
    expect(JSON.stringify(log.body)).not.toContain(SECRET);
    expect(JSON.stringify(log.body)).not.toContain('another-secret-value');
  });
});

describe('the secret and the issuer in use', () => {
  it('signs in with the secret sealed here; after a wrong secret is set the provider refuses the client', async () => {
    const p = await registerProvider(app, admin, idp, { name: 'Real', jit_provisioning: true });
    const person = idp.addUser({ sub: 'admin-api-1', username: 'secretcheck', password: 'pw' });
    expect((await ssoSignIn(app, idp, p.id, person)).answer.status).toBe(303);
    await call(app, 'PATCH', `/api/admin/identity-providers/${p.id}`, {
      token: admin,
      body: { client_secret: 'wrong-secret' },
    });
    const run = await ssoSignIn(app, idp, p.id, person);
    expect(run.answer.status).toBe(401);
    expect(JSON.parse(run.answer.body).error).toMatchObject({
      code: 'sso_provider_error',
      details: { error: 'invalid_client' },
    });
  });

  it('a provider that cannot be reached is identity_provider_unreachable (502), for the start', async () => {
    const { body: p } = await create({ name: 'Down', issuer: 'http://127.0.0.1:9' });
    expectError(await call(app, 'GET', `/api/auth/sso/${p.id}/start`), 502, 'identity_provider_unreachable');
  });
});
