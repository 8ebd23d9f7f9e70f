/**
 * When an admin turns on "2FA required" (for one user or site-wide), the live sessions of users
 * without a usable second factor are restricted from their next request on, as a forced password
 * change restricts them: they can read their account, enrol and log out, nothing else. Enrolling
 * lifts it; users who have 2FA are not touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, setSecurity, tokenFor } from '../support/api-client.js';
import { adminWithSecondFactor, alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';

describe('2FA required restricts live sessions', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    admin = await adminToken(app);
    // The admin enrols first, so the site-wide switch does not restrict the admin's own session.
    await enrolTwoFactor(app, admin, 'Admin-Passw0rd!-long');
    alignClock(app);
  });
  afterAll(() => app.close());

  const sessions = (token: string) => call(app, 'GET', '/api/account/sessions', { token });
  async function signedIn() {
    const u = await createUser(app, admin);
    return { ...u, token: await tokenFor(app, u.username, u.password) };
  }

  it('for one user: restricted at the next request, may enrol, and enrolling lifts it', async () => {
    const u = await signedIn();
    expect((await sessions(u.token)).status).toBe(200);
    const set = await call(app, 'PATCH', `/api/admin/users/${u.id}`, {
      token: admin,
      body: { two_factor_required: true },
    });
    expect(set.status).toBe(200);
    expectError(await sessions(u.token), 403, 'two_factor_enrollment_required');
    expectError(
      await call(app, 'PATCH', '/api/account', { token: u.token, body: { private_display_name: 'Not now' } }),
      403,
      'two_factor_enrollment_required',
    );
    const view = await call(app, 'GET', '/api/account', { token: u.token });
    expect(view.status).toBe(200);
    expect(view.body.two_factor_enrollment_required).toBe(true);

    const setup = await call(app, 'POST', '/api/account/two-factor/setup', { token: u.token });
    expect(setup.status).toBe(200);
    const act = await call(app, 'POST', '/api/account/two-factor/activate', {
      token: u.token,
      body: { current_password: u.password, code: codeFor(app, setup.body.secret) },
    });
    expect(act.status).toBe(200);
    expect((await sessions(u.token)).status).toBe(200);
  });

  it('site-wide: only users without 2FA are restricted, and they can still log out', async () => {
    const without = await signedIn();
    const withTwoFactor = await signedIn();
    await enrolTwoFactor(app, withTwoFactor.token, withTwoFactor.password);
    const secured = await adminWithSecondFactor(app, admin);
    await setSecurity(app, secured, { two_factor_required: true });
    try {
      expectError(await sessions(without.token), 403, 'two_factor_enrollment_required');
      expect((await sessions(withTwoFactor.token)).status).toBe(200);
      expect((await call(app, 'POST', '/api/auth/logout', { token: without.token })).status).toBe(204);
      expectError(await call(app, 'GET', '/api/account', { token: without.token }), 401, 'unauthenticated');
    } finally {
      await setSecurity(app, secured, { two_factor_required: false });
    }
  });

  it('turning the requirement off again lifts the restriction of a session that never enrolled', async () => {
    const u = await signedIn();
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { two_factor_required: true } });
    expectError(await sessions(u.token), 403, 'two_factor_enrollment_required');
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { two_factor_required: false } });
    expect((await sessions(u.token)).status).toBe(200);
  });
});
