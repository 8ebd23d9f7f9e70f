/**
 * Replacing the authenticator app needs the factor held now: while 2FA is on, setup and activate
 * each want the password and a current code (from the app in use or an unused recovery code), are
 * refused with 403 current_factor_required without it, spend the code they accept and count a
 * wrong one toward lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, loginConsole, tokenFor } from '../support/api-client.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';

describe('the current factor guards switching the authenticator app', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    admin = await adminToken(app);
  });
  afterAll(() => app.close());

  async function userWith2fa() {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const tf = await enrolTwoFactor(app, token, u.password);
    alignClock(app);
    return { ...u, token, ...tf };
  }
  const setup = (token: string, body?: Record<string, unknown>) =>
    call(app, 'POST', '/api/account/two-factor/setup', { token, ...(body ? { body } : {}) });
  const activate = (token: string, body: Record<string, unknown>) =>
    call(app, 'POST', '/api/account/two-factor/activate', { token, body });
  const failures = async (id: number) =>
    (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users.find((x: { id: number }) => x.id === id)
      .failed_login_count as number;

  it('setup while 2FA is on: refused without the password and current code, then with a wrong code (counted)', async () => {
    const u = await userWith2fa();
    const none = await setup(u.token);
    expectError(none, 403, 'current_factor_required');
    expect(none.body.error.details.missing).toEqual(['current_password', 'current_code']);
    const passwordOnly = await setup(u.token, { current_password: u.password });
    expectError(passwordOnly, 403, 'current_factor_required');
    expect(passwordOnly.body.error.details.missing).toEqual(['current_code']);
    expectError(
      await setup(u.token, { current_password: 'not-the-password', current_code: codeFor(app, u.secret) }),
      401,
      'invalid_credentials',
    );
    expect(await failures(u.id)).toBe(1);
    const wrongCode = () => setup(u.token, { current_password: u.password, current_code: codeFor(app, u.secret, 7) });
    const wrong = await wrongCode();
    expectError(wrong, 401, 'otp_invalid');
    expect(wrong.body.error.details.field).toBe('current_code');
    // The wrong code counts. The password and the code are one attempt: a right password with a
    // wrong code is no success, so it clears nothing (as at login).
    expect(await failures(u.id)).toBe(2);
    // None of the refusals left a pending secret behind.
    expectError(
      await activate(u.token, { current_password: u.password, code: '123456', current_code: u.recoveryCodes[0] }),
      409,
      'two_factor_not_pending',
    );
  });

  it('setup accepts a current app code once; a recovery code works too and is spent', async () => {
    const u = await userWith2fa();
    const code = codeFor(app, u.secret);
    expect((await setup(u.token, { current_password: u.password, current_code: code })).status).toBe(200);
    expectError(await setup(u.token, { current_password: u.password, current_code: code }), 401, 'otp_invalid');
    expect((await setup(u.token, { current_password: u.password, current_code: u.recoveryCodes[3] })).status).toBe(200);
    // Spent: the recovery code no longer signs in.
    const login = await loginConsole(app, u.username, u.password, { recovery_code: u.recoveryCodes[3] });
    expectError(login, 401, 'otp_invalid');
  });

  it('activate while switching: refused without a current code, with a spent one, and accepted with a fresh one', async () => {
    const u = await userWith2fa();
    const started = await setup(u.token, { current_password: u.password, current_code: u.recoveryCodes[0] });
    const next = started.body.secret as string;
    const withoutCurrent = await activate(u.token, { current_password: u.password, code: codeFor(app, next) });
    expectError(withoutCurrent, 403, 'current_factor_required');
    expect(withoutCurrent.body.error.details.missing).toEqual(['current_code']);
    expectError(
      await activate(u.token, {
        current_password: u.password,
        code: codeFor(app, next),
        current_code: u.recoveryCodes[0],
      }),
      401,
      'otp_invalid',
    );
    // Still the old app: the refusals switched nothing.
    expect((await call(app, 'GET', '/api/account', { token: u.token })).body.two_factor.enabled).toBe(true);
    const ok = await activate(u.token, {
      current_password: u.password,
      code: codeFor(app, next),
      current_code: codeFor(app, u.secret),
    });
    expect(ok.status).toBe(200);
    alignClock(app);
    expectError(
      await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret) }),
      401,
      'otp_invalid',
    );
    expect((await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, next) })).status).toBe(200);
  });

  it('first enrolment (2FA off) needs no current code', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const started = await setup(token);
    expect(started.status).toBe(200);
    const ok = await activate(token, { current_password: u.password, code: codeFor(app, started.body.secret) });
    expect(ok.status).toBe(200);
  });
});
