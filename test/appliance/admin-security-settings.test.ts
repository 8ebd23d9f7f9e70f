/**
 * `PUT /api/admin/security` refuses a change that would lock people out (self_lockout: 2FA required
 * of an admin without a usable second factor, passkeys turned off when they are the admin's only
 * one; identity_provider_required: SSO required with no provider enabled), storing and auditing
 * nothing; the shared checks the screen validates with agree with the route; hostile bodies and
 * the authz matrix of the route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS, type SecuritySettings } from '../../src-shared/api/site.js';
import { securitySettingsProblems } from '../../src-shared/security-settings-check.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, setSecurity, tokenFor } from '../support/api-client.js';
import { enrolTwoFactor } from '../support/two-factor.js';
import { addPasskey, startPasskeyAppliance } from '../support/passkeys.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

const settings = async (token = admin) => (await call(app, 'GET', '/api/admin/security', { token })).body;
const auditCount = async () =>
  (await call(app, 'GET', '/api/admin/audit?kind=security.updated', { token: admin })).body.entries.length;
const put = (body: unknown, token = admin) => call(app, 'PUT', '/api/admin/security', { token, body });

async function secondAdmin(): Promise<{ token: string; password: string }> {
  const u = await createUser(app, admin, { is_admin: true });
  return { token: await tokenFor(app, u.username, u.password), password: u.password };
}

describe('a change that would lock the saving admin out', () => {
  it('2FA required while the admin has no second factor: 422 self_lockout (no_second_factor), nothing stored or audited', async () => {
    const before = await settings();
    const audited = await auditCount();
    const res = await put({ two_factor_required: true, min_password_length: 12 });
    expectError(res, 422, 'self_lockout');
    expect(res.body.error.details).toEqual({ reason: 'no_second_factor', field: 'two_factor_required' });
    expect(await settings()).toEqual(before);
    expect(await auditCount()).toBe(audited);
  });

  it('the same change by an admin with an authenticator app is saved, and that admin can turn it off again', async () => {
    const secured = await secondAdmin();
    await enrolTwoFactor(app, secured.token, secured.password);
    expect((await put({ two_factor_required: true }, secured.token)).body.two_factor_required).toBe(true);
    expect((await put({ two_factor_required: false }, secured.token)).status).toBe(200);
  });

  it('an admin for whom 2FA is required by their own account setting is refused too', async () => {
    const other = await createUser(app, admin, { is_admin: true, two_factor_required: true });
    // Signed in restricted to enrolment: the admin API refuses them before any lock-out check.
    const token = await tokenFor(app, other.username, other.password);
    expectError(await put({ languages: ['en'] }, token), 403, 'two_factor_enrollment_required');
  });
});

describe('SSO required for technicians', () => {
  it('with no identity provider enabled: 422 identity_provider_required; with one enabled it is saved, and the last enabled one then stays', async () => {
    const res = await put({ sso_required_for_non_admins: true });
    expectError(res, 422, 'identity_provider_required');
    expect(res.body.error.details).toEqual({
      reason: 'no_enabled_identity_provider',
      field: 'sso_required_for_non_admins',
    });
    expect((await settings()).sso_required_for_non_admins).toBe(false);
    const provider = await call(app, 'POST', '/api/admin/identity-providers', {
      token: admin,
      body: {
        kind: 'oidc',
        name: 'Corp',
        issuer: 'https://idp.example.com',
        client_id: 'c',
        client_secret: 's',
        enabled: false,
      },
    });
    expect(provider.status).toBe(201);
    expectError(await put({ sso_required_for_non_admins: true }), 422, 'identity_provider_required');
    await call(app, 'PATCH', `/api/admin/identity-providers/${provider.body.id}`, {
      token: admin,
      body: { enabled: true },
    });
    expect((await put({ sso_required_for_non_admins: true })).body.sso_required_for_non_admins).toBe(true);

    // While it is required, the last enabled provider can be neither disabled nor deleted.
    const path = `/api/admin/identity-providers/${provider.body.id}`;
    const off = await call(app, 'PATCH', path, { token: admin, body: { enabled: false } });
    expectError(off, 422, 'identity_provider_required');
    expect(off.body.error.details).toEqual({ reason: 'last_enabled_identity_provider', field: 'enabled' });
    expectError(await call(app, 'DELETE', path, { token: admin }), 422, 'identity_provider_required');
    expect((await call(app, 'GET', '/api/site')).body.identity_providers).toHaveLength(1);
    // With a second one enabled, the first may go.
    const second = await call(app, 'POST', '/api/admin/identity-providers', {
      token: admin,
      body: {
        kind: 'oidc',
        name: 'Backup',
        issuer: 'https://idp2.example.com',
        client_id: 'c',
        client_secret: 's',
        enabled: true,
      },
    });
    expect((await call(app, 'PATCH', path, { token: admin, body: { enabled: false } })).status).toBe(200);
    expect((await call(app, 'DELETE', path, { token: admin })).status).toBe(204);
    expectError(
      await call(app, 'DELETE', `/api/admin/identity-providers/${second.body.id}`, { token: admin }),
      422,
      'identity_provider_required',
    );
    await setSecurity(app, admin, { sso_required_for_non_admins: false });
    expect(
      (await call(app, 'DELETE', `/api/admin/identity-providers/${second.body.id}`, { token: admin })).status,
    ).toBe(204);
  });
});

describe('passkeys as the only second factor', () => {
  it('turning passkeys off while 2FA is required and the admin holds only a passkey: 422 self_lockout (passkeys_only_factor)', async () => {
    const site = await startPasskeyAppliance();
    try {
      const siteAdmin = await adminToken(site);
      await addPasskey(site, { token: siteAdmin }, new SoftwareAuthenticator(), 'Admin key');
      // The passkey is a second factor: requiring 2FA is allowed.
      expect(
        (await call(site, 'PUT', '/api/admin/security', { token: siteAdmin, body: { two_factor_required: true } }))
          .status,
      ).toBe(200);
      const off = await call(site, 'PUT', '/api/admin/security', {
        token: siteAdmin,
        body: { passkeys_allowed: false },
      });
      expectError(off, 422, 'self_lockout');
      expect(off.body.error.details).toEqual({ reason: 'passkeys_only_factor', field: 'passkeys_allowed' });
      // Without the requirement, passkeys can go.
      const both = await call(site, 'PUT', '/api/admin/security', {
        token: siteAdmin,
        body: { two_factor_required: false, passkeys_allowed: false },
      });
      expect(both.status).toBe(200);
    } finally {
      await site.close();
    }
  });
});

describe('the checks the screen validates with are the route’s', () => {
  const draft = (patch: Partial<Record<keyof SecuritySettings, unknown>>) => ({
    ...DEFAULT_SECURITY_SETTINGS,
    ...patch,
  });
  const cases: Array<[Partial<Record<keyof SecuritySettings, unknown>>, number]> = [
    [{ min_password_length: 0 }, 400],
    [{ min_password_length: 129 }, 400],
    [{ min_password_length: 12.5 }, 400],
    [{ password_history: 51 }, 400],
    [{ lockout_after_failures: 0 }, 400],
    [{ lockout_duration_minutes: 525601 }, 400],
    [{ session_idle_timeout_minutes: 10081 }, 400],
    [{ password_expiration_days: -1 }, 400],
    [{ min_password_strength: 5 }, 400],
    [{ languages: [] }, 400],
    [{ languages: ['en', 'en'] }, 400],
    [{ languages: ['de'], default_language: 'en' }, 422],
    [{ passkey_user_verification: 'sometimes' }, 400],
    [{ min_password_length: 128, password_history: 50, session_idle_timeout_minutes: 10080 }, 200],
  ];
  for (const [patch, status] of cases)
    it(`${JSON.stringify(patch)}: the screen ${status === 200 ? 'accepts' : 'refuses'}, the route answers ${status}`, async () => {
      const problems = securitySettingsProblems(draft(patch));
      expect(problems.length === 0).toBe(status === 200);
      for (const p of problems) expect(Object.keys(patch)).toContain(p.field);
      const res = await put(patch);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (status === 200) await setSecurity(app, admin, DEFAULT_SECURITY_SETTINGS);
    });
});

describe('hostile input', () => {
  it('a huge body is 413 payload_too_large; odd Unicode and wrong types are 400; nothing changes', async () => {
    const before = await settings();
    expectError(await put({ languages: ['en'], pad: 'x'.repeat(200_000) }), 413, 'payload_too_large');
    for (const body of [
      { languages: ['ｅｎ'] },
      { default_language: 'de\u202E' },
      { languages: ['en\u0000'] },
      { default_language: '𝕕𝕖' },
      { two_factor_required: 'true' },
      { lockout_after_failures: '5' },
      { languages: 'en' },
      { min_password_length: null },
      [],
      'min_password_length=1',
    ]) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(['validation_failed', 'invalid_json', 'bad_request']).toContain(res.body.error.code);
    }
    const raw = await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      raw: '{"min_password_length":',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    expect(await settings()).toEqual(before);
  });
});

describe('who may', () => {
  it('anonymous 401, a technician 403 forbidden, on GET and PUT; nothing changes', async () => {
    const tech = await createUser(app, admin);
    const techToken = await tokenFor(app, tech.username, tech.password);
    for (const method of ['GET', 'PUT']) {
      const body = method === 'PUT' ? { min_password_length: 4 } : undefined;
      expectError(await call(app, method, '/api/admin/security', { body }), 401, 'unauthenticated');
      expectError(await call(app, method, '/api/admin/security', { token: techToken, body }), 403, 'forbidden');
    }
    expect((await settings()).min_password_length).toBe(DEFAULT_SECURITY_SETTINGS.min_password_length);
  });
});
