/**
 * `GET/PATCH /api/account` (display-name sync rule), `PUT /api/account/email`, `GET /api/site`,
 * and the account-view extension point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, setSecurity, tokenFor } from '../support/api-client.js';

let app: TestAppliance;
let admin: string;
beforeAll(async () => {
  app = await startTestAppliance({ siteName: 'ACME Support' });
  admin = await adminToken(app);
});
afterAll(() => app.close());

async function freshUser(fields: Record<string, unknown> = {}) {
  const u = await createUser(app, admin, fields);
  return { ...u, token: await tokenFor(app, u.username, u.password) };
}

describe('GET /api/account', () => {
  it('returns every field of the contract', async () => {
    const u = await freshUser({
      private_display_name: 'Ana Tech',
      email_address: 'ana@example.com',
      extended_availability_allowed: true,
    });
    const res = await call(app, 'GET', '/api/account', { token: u.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: u.id,
      username: u.username,
      private_display_name: 'Ana Tech',
      public_display_name: 'Ana Tech',
      display_names_synced: true,
      email_address: 'ana@example.com',
      preferred_email_language: null,
      extended_availability: { allowed: true, enabled: false },
      two_factor: { enabled: false, required: false, recovery_codes_left: 0 },
      photo_url: null,
      password_expires_at: null,
      password_change_required: false,
      two_factor_enrollment_required: false,
      is_admin: false,
      local_password: true,
      identity_provider: null,
    });
  });

  it('two_factor.required follows the site setting or the user flag', async () => {
    const u = await freshUser({ two_factor_required: true });
    expect((await call(app, 'GET', '/api/account', { token: u.token })).body.two_factor.required).toBe(true);
  });

  it('without a session is 401 unauthenticated', async () => {
    const res = await call(app, 'GET', '/api/account');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe('PATCH /api/account: display names', () => {
  it('synced names: changing the private name changes the public one too', async () => {
    const u = await freshUser({ private_display_name: 'Bo' });
    const res = await call(app, 'PATCH', '/api/account', {
      token: u.token,
      body: { private_display_name: '  Bo Berg  ' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      private_display_name: 'Bo Berg',
      public_display_name: 'Bo Berg',
      display_names_synced: true,
    });
  });

  it('a different public name unsyncs; then a private change leaves the public name; equal again re-syncs', async () => {
    const u = await freshUser({ private_display_name: 'Cy' });
    let res = await call(app, 'PATCH', '/api/account', {
      token: u.token,
      body: { public_display_name: 'Support Team' },
    });
    expect(res.body).toMatchObject({
      private_display_name: 'Cy',
      public_display_name: 'Support Team',
      display_names_synced: false,
    });
    res = await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: 'Cy Young' } });
    expect(res.body).toMatchObject({
      private_display_name: 'Cy Young',
      public_display_name: 'Support Team',
      display_names_synced: false,
    });
    res = await call(app, 'PATCH', '/api/account', { token: u.token, body: { public_display_name: 'Cy Young' } });
    expect(res.body.display_names_synced).toBe(true);
    res = await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: 'Cy Y.' } });
    expect(res.body).toMatchObject({
      private_display_name: 'Cy Y.',
      public_display_name: 'Cy Y.',
      display_names_synced: true,
    });
  });

  it('names are 1–64 characters after trimming, without control characters; RTL, emoji and markup are stored as text', async () => {
    const u = await freshUser();
    for (const [name, problem] of [
      ['   ', 'empty'],
      ['x'.repeat(65), 'too_long'],
      ['a\u0007b', 'control_characters'],
      ['a\u202Eb', 'control_characters'],
    ] as const) {
      const res = await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: name } });
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: { problem } });
    }
    expect(
      (await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: '😀'.repeat(64) } }))
        .status,
    ).toBe(200);
    for (const name of ['مرحبا بالعالم', '<script>alert(1)</script>']) {
      const res = await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: name } });
      expect(res.body.private_display_name).toBe(name);
    }
    expect((await call(app, 'PATCH', '/api/account', { token: u.token, body: {} })).status).toBe(400);
  });

  it('extended_availability_enabled needs the admin’s permission (403 extended_availability_not_allowed)', async () => {
    const u = await freshUser();
    const res = await call(app, 'PATCH', '/api/account', {
      token: u.token,
      body: { extended_availability_enabled: true },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('extended_availability_not_allowed');
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { extended_availability_allowed: true },
    });
    const ok = await call(app, 'PATCH', '/api/account', {
      token: u.token,
      body: { extended_availability_enabled: true },
    });
    expect(ok.body.extended_availability).toEqual({ allowed: true, enabled: true });
  });
});

describe('PUT /api/account/email', () => {
  it('changes the address with the /login password and emits email.changed with the old address', async () => {
    const u = await freshUser({ email_address: 'old@example.com' });
    const seen: unknown[] = [];
    app.ctx.domain.on('email.changed', (e) => void seen.push(e));
    const res = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'new@example.com', preferred_email_language: 'de', current_password: u.password },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email_address: 'new@example.com', preferred_email_language: 'de' });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toContainEqual({ userId: u.id, oldEmail: 'old@example.com', newEmail: 'new@example.com' });
  });

  it('a wrong password is 401 invalid_credentials; a language the site has not enabled 422 language_not_enabled; a bad address 400', async () => {
    const u = await freshUser();
    const wrong = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'x@example.com', current_password: 'not-it-at-all' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const lang = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'x@example.com', preferred_email_language: 'fr', current_password: u.password },
    });
    expect(lang.status).toBe(422);
    expect(lang.body.error.code).toBe('language_not_enabled');
    const bad = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'not an address', current_password: u.password },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const missing = await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'x@example.com' },
    });
    expect(missing.body.error.code).toBe('validation_failed');
  });
});

describe('GET /api/site', () => {
  it('is public and carries name, versions, languages, the password policy and reset switch', async () => {
    const res = await call(app, 'GET', '/api/site');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      site_name: 'ACME Support',
      software_version: '1.0.0',
      console_version: '1.0.0',
      languages: ['en', 'de'],
      default_language: 'en',
      password_reset_enabled: true,
      public_url: app.url,
    });
    expect(res.body.password_policy.min_password_length).toBe(8);
  });

  it('follows the admin’s settings', async () => {
    await setSecurity(app, admin, { languages: ['de'], password_reset_enabled: false });
    const res = await call(app, 'GET', '/api/site');
    expect(res.body).toMatchObject({ languages: ['de'], default_language: 'de', password_reset_enabled: false });
    await setSecurity(app, admin, { languages: ['en', 'de'], default_language: 'en', password_reset_enabled: true });
  });
});

describe('extension point: ctx.accountView', () => {
  it('parts are merged over the core view', async () => {
    const u = await freshUser();
    app.ctx.accountView.push(async (user) => ({
      photo_url: `/api/users/${user.id}/photo`,
      two_factor: { enabled: true, required: false, recovery_codes_left: 7 },
    }));
    try {
      const res = await call(app, 'GET', '/api/account', { token: u.token });
      expect(res.body.photo_url).toBe(`/api/users/${u.id}/photo`);
      expect(res.body.two_factor.recovery_codes_left).toBe(7);
      const listed = (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users.find(
        (x: { id: number }) => x.id === u.id,
      );
      expect(listed.two_factor_enabled).toBe(true);
    } finally {
      app.ctx.accountView.pop();
    }
  });
});
