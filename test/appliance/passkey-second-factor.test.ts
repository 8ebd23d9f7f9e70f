/**
 * A passkey as the second factor after the password, against the real appliance: the second step
 * offers every factor the user has (with a passkey challenge bound to the user), a passkey
 * satisfies "2FA required" like an authenticator or recovery code, a wrong or replayed answer is
 * refused and counts toward lockout, a counter going backwards blocks the passkey, and the desktop
 * console (which cannot run the ceremony) is not offered it. Runs on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { type TestAppliance } from '../support/appliance.js';
import { call, failedLoginCount, createUser, expectError, setSecurity, tokenFor } from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { alignClock, enrolTwoFactor } from '../support/two-factor.js';
import { addPasskey, cookiesOf, loginWithPasskeySecondFactor, startPasskeyAppliance } from '../support/passkeys.js';

describe('passkey as the second factor', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  useApplianceWithSmtp(
    (smtpUrl) => startPasskeyAppliance({ smtpUrl }),
    (started) => ({ smtp, app, admin } = started),
  );

  async function technician(opts: { fields?: Record<string, unknown>; totp?: boolean } = {}) {
    const u = await createUser(app, admin, opts.fields);
    let token = await tokenFor(app, u.username, u.password);
    if (opts.totp) {
      alignClock(app);
      await enrolTwoFactor(app, token, u.password);
    }
    const authenticator = new SoftwareAuthenticator();
    const passkey = await addPasskey(app, { token }, authenticator, 'Laptop');
    if (opts.fields?.two_factor_required) token = ''; // that session was restricted; tests log in anew
    return { ...u, token, authenticator, passkey };
  }
  const login = (u: { username: string; password: string }, client: 'web' | 'console' = 'web', extra = {}) =>
    call(app, 'POST', '/api/auth/login', { body: { username: u.username, password: u.password, client, ...extra } });

  it('with an authenticator app and a passkey, the second step offers all three; the passkey answers it', async () => {
    const u = await technician({ totp: true });
    const first = await login(u);
    expectError(first, 401, 'otp_required');
    const { methods, passkey } = first.body.error.details;
    expect(methods).toEqual(['recovery_code', 'totp', 'passkey']);
    expect(passkey.options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([
      u.authenticator.credentials[0]!.id,
    ]);
    expect(passkey.options).toMatchObject({ rpId: 'localhost', userVerification: 'discouraged' });
    expect(await failedLoginCount(app, admin, u.id)).toBe(0);

    const res = await loginWithPasskeySecondFactor(app, u, u.authenticator, { ceremony: { userVerified: false } });
    expect(res.status).toBe(200);
    expect(res.body.account.username).toBe(u.username);
    const me = await call(app, 'GET', '/api/account/sessions', { headers: { cookie: cookiesOf(res) } });
    expect(me.status).toBe(200);
  });

  it('satisfies "2FA required" without an authenticator app; the desktop console, which cannot use it, must enrol', async () => {
    const u = await technician({ fields: { two_factor_required: true } });
    const first = await login(u);
    expectError(first, 401, 'otp_required');
    expect(first.body.error.details.methods).toEqual(['passkey']);
    const res = await loginWithPasskeySecondFactor(app, u, u.authenticator);
    expect(res.status).toBe(200);
    expect(res.body.account.two_factor_enrollment_required).toBe(false);
    expect((await call(app, 'GET', '/api/account/sessions', { headers: { cookie: cookiesOf(res) } })).status).toBe(200);

    const desktop = await login(u, 'console');
    expect(desktop.status).toBe(200);
    expect(desktop.body.account.two_factor_enrollment_required).toBe(true);
    expectError(
      await call(app, 'GET', '/api/account/sessions', { token: desktop.body.token }),
      403,
      'two_factor_enrollment_required',
    );
  });

  it('a passkey alone does not turn on a second step: without an app and not required, the password signs in', async () => {
    const u = await technician();
    const res = await login(u);
    expect(res.status).toBe(200);
  });

  it('an answer from another origin, a replayed one, another user’s passkey or challenge are refused and counted', async () => {
    const u = await technician({ totp: true });
    const v = await technician({ totp: true });
    const foreign = await loginWithPasskeySecondFactor(app, u, u.authenticator, {
      ceremony: { origin: 'http://localhost.evil.test' },
    });
    expectError(foreign, 401, 'passkey_invalid');
    expect(await failedLoginCount(app, admin, u.id)).toBe(1);

    const ok = await loginWithPasskeySecondFactor(app, u, u.authenticator);
    expect(ok.status).toBe(200);
    const replay = await login(u, 'web', { passkey: ok.answer });
    expectError(replay, 400, 'passkey_challenge_invalid');
    expect(await failedLoginCount(app, admin, u.id)).toBe(1);

    // v's passkey answering u's challenge.
    const step = (await login(u)).body.error.details.passkey;
    const vAnswer = v.authenticator.get({ ...step.options, allowCredentials: [] }, app.url);
    expectError(
      await login(u, 'web', { passkey: { attempt_id: step.attempt_id, response: vAnswer } }),
      401,
      'passkey_invalid',
    );
    // u's passkey answering v's challenge.
    const vStep = (await login(v)).body.error.details.passkey;
    const uAnswer = u.authenticator.get({ ...vStep.options, allowCredentials: [] }, app.url);
    expectError(
      await login(u, 'web', { passkey: { attempt_id: vStep.attempt_id, response: uAnswer } }),
      400,
      'passkey_challenge_invalid',
    );
    expect(await failedLoginCount(app, admin, u.id)).toBe(3);
  });

  it('the password is checked first: a wrong one with a passkey answer is invalid_credentials', async () => {
    const u = await technician({ totp: true });
    const step = (await login(u)).body.error.details.passkey;
    const answer = { attempt_id: step.attempt_id, response: u.authenticator.get(step.options, app.url) };
    expectError(
      await call(app, 'POST', '/api/auth/login', {
        body: { username: u.username, password: 'wrong-password', client: 'web', passkey: answer },
      }),
      401,
      'invalid_credentials',
    );
  });

  it('a counter going backwards blocks the passkey: refused, mailed, and no longer offered', async () => {
    const u = await technician({ totp: true, fields: { email_address: 'second@example.test' } });
    expect((await loginWithPasskeySecondFactor(app, u, u.authenticator)).status).toBe(200);
    expect((await loginWithPasskeySecondFactor(app, u, u.authenticator)).status).toBe(200);
    u.authenticator.setCounter(u.authenticator.credentials[0]!.id, 0);
    expectError(await loginWithPasskeySecondFactor(app, u, u.authenticator), 401, 'passkey_flagged');
    await smtp.waitFor((m) => m.to.includes('second@example.test') && m.subject.includes('copied'));
    expect((await login(u)).body.error.details.methods).toEqual(['recovery_code', 'totp']);
  });

  it('wrong passkey answers lock the account like wrong codes', async () => {
    await setSecurity(app, admin, { lockout_after_failures: 2 });
    try {
      const u = await technician({ totp: true });
      const wrong = () =>
        loginWithPasskeySecondFactor(app, u, u.authenticator, { ceremony: { origin: 'http://127.0.0.1:9' } });
      expectError(await wrong(), 401, 'passkey_invalid');
      expectError(await wrong(), 423, 'account_locked');
      expectError(await login(u), 423, 'account_locked');
    } finally {
      await setSecurity(app, admin, { lockout_after_failures: 5 });
    }
  });

  it('with passkeys turned off by the site, the second step does not offer them and refuses an answer', async () => {
    const u = await technician({ totp: true });
    const step = (await login(u)).body.error.details.passkey;
    await setSecurity(app, admin, { passkeys_allowed: false });
    try {
      expect((await login(u)).body.error.details).toEqual({ methods: ['recovery_code', 'totp'] });
      const answer = { attempt_id: step.attempt_id, response: u.authenticator.get(step.options, app.url) };
      expectError(await login(u, 'web', { passkey: answer }), 403, 'passkeys_not_allowed');
    } finally {
      await setSecurity(app, admin, { passkeys_allowed: true });
    }
  });
});
