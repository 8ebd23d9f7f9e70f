/** Admin API: `GET/PUT /api/admin/security`, `GET/POST /api/admin/users`, `PATCH /api/admin/users/{id}`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS } from '../../src-shared/api/site.js';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance();
  admin = await adminToken(app);
});
afterAll(() => app.close());

describe('GET/PUT /api/admin/security', () => {
  it('starts with the documented defaults (blocklist on, min length 8)', async () => {
    const res = await call(app, 'GET', '/api/admin/security', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT_SECURITY_SETTINGS);
  });

  it('PUT changes the given fields, keeps the others, and survives a restart', async () => {
    const res = await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      body: { min_password_length: 10, lockout_after_failures: 3 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...DEFAULT_SECURITY_SETTINGS, min_password_length: 10, lockout_after_failures: 3 });
    // Close and reopen the same data directory: the settings are in the SQLite file.
    await app.close();
    app = await startTestAppliance({ dataDir: app.dataDir });
    admin = await adminToken(app);
    const reopened = await call(app, 'GET', '/api/admin/security', { token: admin });
    expect(reopened.body.min_password_length).toBe(10);
    await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      body: { min_password_length: 8, lockout_after_failures: 5 },
    });
  });

  it('out-of-range values and unknown fields are 400 validation_failed; a default language not enabled is 422', async () => {
    for (const body of [
      { min_password_length: 0 },
      { lockout_after_failures: 'five' },
      { languages: [] },
      { nonsense: true },
      { session_idle_timeout_minutes: 1.5 },
    ]) {
      const res = await call(app, 'PUT', '/api/admin/security', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const lang = await call(app, 'PUT', '/api/admin/security', { token: admin, body: { default_language: 'fr' } });
    expect(lang.status).toBe(422);
    expect(lang.body.error.code).toBe('language_not_enabled');
  });
});

describe('admin users', () => {
  it('POST creates a user (201) who can log in; GET lists them', async () => {
    const res = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: {
        username: 'dora',
        password: 'Secret-Pass-Word-1',
        private_display_name: 'Dora',
        email_address: 'dora@example.com',
        is_admin: false,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'dora',
      private_display_name: 'Dora',
      public_display_name: 'Dora',
      enabled: true,
      is_admin: false,
      locked: false,
    });
    expect((await loginConsole(app, 'dora', 'Secret-Pass-Word-1')).status).toBe(200);
    const list = await call(app, 'GET', '/api/admin/users', { token: admin });
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'dora']),
    );
  });

  it('a taken username (any case) is 409 username_taken; a weak password 422; a bad username 400', async () => {
    const taken = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username: 'DORA', password: 'Another-Pass-99' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('username_taken');
    const weak = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username: 'weak', password: 'short' },
    });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('password_policy');
    const bad = await call(app, 'POST', '/api/admin/users', {
      token: admin,
      body: { username: 'has space', password: 'Another-Pass-99' },
    });
    expect(bad.status).toBe(400);
  });

  it('PATCH sets each field', async () => {
    const u = await createUser(app, admin);
    const res = await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: {
        two_factor_required: true,
        extended_availability_allowed: true,
        password_change_required: true,
        email_address: 'e@example.com',
        private_display_name: 'Eve',
        public_display_name: 'Support',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      two_factor_required: true,
      extended_availability_allowed: true,
      password_change_required: true,
      email_address: 'e@example.com',
      private_display_name: 'Eve',
      public_display_name: 'Support',
    });
    const cleared = await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { email_address: null },
    });
    expect(cleared.body.email_address).toBeNull();
  });

  it('disabling ends the user’s sessions; enabling lets them in again', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    expect(
      (await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } })).body.enabled,
    ).toBe(false);
    expect((await call(app, 'GET', '/api/account', { token: t })).status).toBe(401);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: true } });
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
  });

  it('making a user admin gives them the admin API; the last enabled admin cannot be demoted or disabled (409)', async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    expect((await call(app, 'GET', '/api/admin/users', { token: t })).status).toBe(403);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { is_admin: true } });
    expect((await call(app, 'GET', '/api/admin/users', { token: t })).status).toBe(200);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { is_admin: false } });
    const adminId = (await call(app, 'GET', '/api/account', { token: admin })).body.id;
    const last = await call(app, 'PATCH', `/api/admin/users/${adminId}`, { token: admin, body: { is_admin: false } });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('conflict');
    expect((await call(app, 'GET', '/api/admin/users', { token: admin })).status).toBe(200);
    expect((await loginConsole(app, ADMIN.username, ADMIN.password)).body.account.is_admin).toBe(true);
  });

  it('an unknown id is 404 not_found; a non-numeric id or empty patch 400', async () => {
    const res = await call(app, 'PATCH', '/api/admin/users/999999', { token: admin, body: { enabled: true } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await call(app, 'PATCH', '/api/admin/users/abc', { token: admin, body: { enabled: true } })).status).toBe(
      400,
    );
    expect((await call(app, 'PATCH', '/api/admin/users/1', { token: admin, body: {} })).status).toBe(400);
    expect((await call(app, 'PATCH', '/api/admin/users/1', { token: admin, body: { unlock: false } })).status).toBe(
      400,
    );
  });
});
