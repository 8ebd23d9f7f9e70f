/**
 * Two-factor authentication against the real appliance over HTTP, with codes computed by the test
 * without otplib (RFC 6238 vectors: totp.test.ts): the ±1 step window, replay refusal, lockout,
 * enforcement, enrolment-only sessions, recovery codes, switching apps, the secret sealed at rest.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, setSecurity, tokenFor } from '../support/api-client.js';
import { adminWithSecondFactor, alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';
import { base32Decode } from '../support/totp.js';
import { storedBytes } from '../support/test-database.js';

describe('two-factor over HTTP', () => {
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    app = await startTestAppliance();
    admin = await adminToken(app);
    // With 2FA of its own, the admin's session stays free when the tests require 2FA site-wide.
    await enrolTwoFactor(app, admin, ADMIN.password);
    alignClock(app);
  });
  afterAll(() => app.close());

  async function userWith2fa(fields: Record<string, unknown> = {}) {
    const u = await createUser(app, admin, fields);
    const token = await tokenFor(app, u.username, u.password);
    const tf = await enrolTwoFactor(app, token, u.password);
    alignClock(app);
    return { ...u, token, ...tf };
  }

  it('setup returns a 160-bit base32 secret and an otpauth URI with the site name and username', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const res = await call(app, 'POST', '/api/account/two-factor/setup', { token });
    expect(res.status).toBe(200);
    expect(base32Decode(res.body.secret)).toHaveLength(20);
    const uri = new URL(res.body.otpauth_uri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/${app.config.siteName}:${u.username}`);
    expect(uri.searchParams.get('secret')).toBe(res.body.secret);
    expect(uri.searchParams.get('issuer')).toBe(app.config.siteName);
    // Pending only: logging in still needs no code, the account shows 2FA off.
    const login = await loginConsole(app, u.username, u.password);
    expect(login.status).toBe(200);
    expect(login.body.account.two_factor.enabled).toBe(false);
  });

  it('activation needs the password and a right code; then login needs a code', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    expect(
      (
        await call(app, 'POST', '/api/account/two-factor/activate', {
          token,
          body: { current_password: u.password, code: '123456' },
        })
      ).body.error.code,
    ).toBe('two_factor_not_pending');
    const { secret } = (await call(app, 'POST', '/api/account/two-factor/setup', { token })).body;
    alignClock(app);
    const wrongPw = await call(app, 'POST', '/api/account/two-factor/activate', {
      token,
      body: { current_password: 'nope-nope-nope', code: codeFor(app, secret) },
    });
    expect([wrongPw.status, wrongPw.body.error.code]).toEqual([401, 'invalid_credentials']);
    const wrongCode = await call(app, 'POST', '/api/account/two-factor/activate', {
      token,
      body: { current_password: u.password, code: codeFor(app, secret, 5) },
    });
    expect([wrongCode.status, wrongCode.body.error.code]).toEqual([401, 'otp_invalid']);
    const ok = await call(app, 'POST', '/api/account/two-factor/activate', {
      token,
      body: { current_password: u.password, code: codeFor(app, secret) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.recovery_codes).toHaveLength(10);
    expect(new Set(ok.body.recovery_codes).size).toBe(10);

    app.clock.advance(60_000);
    const noCode = await loginConsole(app, u.username, u.password);
    expect([noCode.status, noCode.body.error.code]).toEqual([401, 'otp_required']);
    const good = await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, secret) });
    expect(good.status).toBe(200);
    expect(good.body.account.two_factor).toEqual({ enabled: true, required: false, recovery_codes_left: 10 });
    const listed = (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users.find(
      (x: { id: number }) => x.id === u.id,
    );
    expect(listed.two_factor_enabled).toBe(true);
  });

  it('accepts a code one step early or late, refuses two steps away, and refuses a replayed code', async () => {
    const u = await userWith2fa();
    const login = (code: string) => loginConsole(app, u.username, u.password, { otp_code: code });
    expect((await login(codeFor(app, u.secret, -1))).status).toBe(200);
    alignClock(app, 3);
    expect((await login(codeFor(app, u.secret, +1))).status).toBe(200);
    alignClock(app, 3);
    expect((await login(codeFor(app, u.secret, -2))).body.error.code).toBe('otp_invalid');
    expect((await login(codeFor(app, u.secret, +2))).body.error.code).toBe('otp_invalid');
    const code = codeFor(app, u.secret);
    expect((await login(code)).status).toBe(200);
    const replay = await login(code);
    expect([replay.status, replay.body.error.code]).toEqual([401, 'otp_invalid']);
    // An older code still inside the window is refused too once a newer step was used.
    expect((await login(codeFor(app, u.secret, -1))).body.error.code).toBe('otp_invalid');
  });

  it('a replayed code is accepted by exactly one of 20 parallel logins', async () => {
    // Lockout out of the way: the 19 refused replays would otherwise lock the account (they count).
    await setSecurity(app, admin, { lockout_after_failures: 100 });
    try {
      const u = await userWith2fa();
      const code = codeFor(app, u.secret);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => loginConsole(app, u.username, u.password, { otp_code: code })),
      );
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => r.status === 401 && r.body.error.code === 'otp_invalid')).toHaveLength(19);
    } finally {
      await setSecurity(app, admin, { lockout_after_failures: 5 });
    }
  });

  it('wrong codes count toward lockout; a right code during lockout is refused', async () => {
    await setSecurity(app, admin, { lockout_after_failures: 3, lockout_duration_minutes: 15 });
    try {
      const u = await userWith2fa();
      const wrong = () => loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret, 7) });
      expect((await wrong()).body.error.code).toBe('otp_invalid');
      expect((await wrong()).body.error.code).toBe('otp_invalid');
      const third = await wrong();
      expect([third.status, third.body.error.code]).toEqual([423, 'account_locked']);
      const right = await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret) });
      expect([right.status, right.body.error.code]).toEqual([423, 'account_locked']);
      app.clock.advance(16 * 60_000);
      alignClock(app);
      expect((await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret) })).status).toBe(200);
    } finally {
      await setSecurity(app, admin, { lockout_after_failures: 5 });
    }
  });

  it('recovery codes log in once each; regenerating kills the old ones', async () => {
    const u = await userWith2fa();
    const [first, second] = u.recoveryCodes;
    const viaCode = await loginConsole(app, u.username, u.password, { recovery_code: first });
    expect(viaCode.status).toBe(200);
    expect(viaCode.body.account.two_factor.recovery_codes_left).toBe(9);
    const again = await loginConsole(app, u.username, u.password, { recovery_code: first });
    expect([again.status, again.body.error.code]).toEqual([401, 'otp_invalid']);
    // Case and dashes do not matter when typing a code.
    expect(
      (await loginConsole(app, u.username, u.password, { recovery_code: second!.toLowerCase().replace(/-/g, ' ') }))
        .status,
    ).toBe(200);

    const regen = await call(app, 'POST', '/api/account/two-factor/recovery-codes', {
      token: u.token,
      body: { current_password: u.password, code: codeFor(app, u.secret) },
    });
    expect(regen.status).toBe(200);
    expect(regen.body.recovery_codes).toHaveLength(10);
    expect(
      (await loginConsole(app, u.username, u.password, { recovery_code: u.recoveryCodes[2] })).body.error.code,
    ).toBe('otp_invalid');
    const fresh = await loginConsole(app, u.username, u.password, { recovery_code: regen.body.recovery_codes[0] });
    expect(fresh.status).toBe(200);
    expect(fresh.body.account.two_factor.recovery_codes_left).toBe(9);
  });

  it('switching apps: a new secret replaces the active one only once its code is proven', async () => {
    const u = await userWith2fa();
    const { secret: next } = (
      await call(app, 'POST', '/api/account/two-factor/setup', {
        token: u.token,
        body: { current_password: u.password, current_code: u.recoveryCodes[0] },
      })
    ).body;
    // Not yet proven: the old app still works, the new one does not.
    expect((await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, next) })).body.error.code).toBe(
      'otp_invalid',
    );
    expect((await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret) })).status).toBe(200);
    alignClock(app);
    const sw = await call(app, 'POST', '/api/account/two-factor/activate', {
      token: u.token,
      body: { current_password: u.password, code: codeFor(app, next), current_code: u.recoveryCodes[1] },
    });
    expect(sw.status).toBe(200);
    alignClock(app);
    expect(
      (await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, u.secret) })).body.error.code,
    ).toBe('otp_invalid');
    expect((await loginConsole(app, u.username, u.password, { otp_code: codeFor(app, next) })).status).toBe(200);
  });

  it('disable needs password and code, and is refused while the admin or the site enforces 2FA', async () => {
    const u = await userWith2fa();
    const disable = (code: string) =>
      call(app, 'DELETE', '/api/account/two-factor', { token: u.token, body: { current_password: u.password, code } });
    expect(
      (await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { two_factor_required: true } }))
        .status,
    ).toBe(200);
    const byAdmin = await disable(codeFor(app, u.secret));
    expect([byAdmin.status, byAdmin.body.error.code]).toEqual([409, 'two_factor_enforced']);
    expect((await call(app, 'GET', '/api/account', { token: u.token })).body.two_factor.required).toBe(true);
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { two_factor_required: false } });

    const secured = await adminWithSecondFactor(app, admin);
    await setSecurity(app, secured, { two_factor_required: true });
    try {
      expect((await disable(codeFor(app, u.secret))).body.error.code).toBe('two_factor_enforced');
    } finally {
      await setSecurity(app, secured, { two_factor_required: false });
    }
    expect((await disable(codeFor(app, u.secret, 9))).body.error.code).toBe('otp_invalid');
    const ok = await disable(codeFor(app, u.secret));
    expect(ok.status).toBe(204);
    const account = (await call(app, 'GET', '/api/account', { token: u.token })).body;
    expect(account.two_factor).toEqual({ enabled: false, required: false, recovery_codes_left: 0 });
    expect((await loginConsole(app, u.username, u.password)).status).toBe(200);
    expect((await disable(codeFor(app, u.secret, 1))).body.error.code).toBe('two_factor_not_enabled');
  });

  it('when 2FA is required and not set up, the session may only enrol or log out', async () => {
    const u = await createUser(app, admin, { two_factor_required: true });
    const login = await loginConsole(app, u.username, u.password);
    expect(login.status).toBe(200);
    expect(login.body.account.two_factor_enrollment_required).toBe(true);
    const token = login.body.token as string;
    const patch = await call(app, 'PATCH', '/api/account', { token, body: { private_display_name: 'Nope' } });
    expect([patch.status, patch.body.error.code]).toEqual([403, 'two_factor_enrollment_required']);
    expect((await call(app, 'GET', '/api/account/sessions', { token })).body.error.code).toBe(
      'two_factor_enrollment_required',
    );
    expect((await call(app, 'DELETE', '/api/account/photo', { token })).body.error.code).toBe(
      'two_factor_enrollment_required',
    );

    const { secret } = (await call(app, 'POST', '/api/account/two-factor/setup', { token })).body;
    alignClock(app);
    const act = await call(app, 'POST', '/api/account/two-factor/activate', {
      token,
      body: { current_password: u.password, code: codeFor(app, secret) },
    });
    expect(act.status).toBe(200);
    // The same session is now a full one.
    expect(
      (await call(app, 'PATCH', '/api/account', { token, body: { private_display_name: 'Enrolled' } })).status,
    ).toBe(200);
    expect((await call(app, 'POST', '/api/auth/logout', { token })).status).toBe(204);

    // A second enrolment-only session can log out without enrolling.
    const v = await createUser(app, admin, { two_factor_required: true });
    const t2 = (await loginConsole(app, v.username, v.password)).body.token;
    expect((await call(app, 'POST', '/api/auth/logout', { token: t2 })).status).toBe(204);
  });

  it('keeps the secret sealed at rest with a 0600 site key in the data directory', async () => {
    const u = await userWith2fa();
    const keyFile = path.join(app.dataDir, 'site.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(keyFile).size).toBe(32);
    const bytes = await storedBytes(app);
    expect(bytes.includes(Buffer.from(u.secret))).toBe(false);
    const row = await app.ctx.db
      .selectFrom('two_factor')
      .select('secret_box')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_box).toMatch(/^v1\./);
    expect(row.secret_box).not.toContain(u.secret);
  });
});
