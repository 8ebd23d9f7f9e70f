/**
 * Passwordless sign-in with a passkey against the real appliance: a web session from a signed
 * answer; refused for a replayed answer, another origin, an unknown or tampered passkey, an
 * expired challenge, a counter that went backwards (the passkey is then blocked and its owner
 * mailed), a disabled account, the site's policy; failed answers count toward lockout; with
 * "2FA required" only a user-verifying passkey signs in. Runs on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { type TestAppliance } from '../support/appliance.js';
import { call, failedLoginCount, createUser, expectError, setSecurity, tokenFor } from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { addPasskey, cookiesOf, signInWithPasskey, startPasskeyAppliance } from '../support/passkeys.js';

describe('passwordless sign-in with a passkey', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  useApplianceWithSmtp(
    (smtpUrl) => startPasskeyAppliance({ smtpUrl }),
    (started) => ({ smtp, app, admin } = started),
  );

  /** A technician with one passkey on its own authenticator. */
  async function withPasskey(opts: { fields?: Record<string, unknown>; counts?: boolean } = {}) {
    const u = await createUser(app, admin, opts.fields);
    const token = await tokenFor(app, u.username, u.password);
    const authenticator = new SoftwareAuthenticator({ counts: opts.counts });
    const passkey = await addPasskey(app, { token }, authenticator, 'Laptop');
    return { ...u, token, authenticator, passkey };
  }
  const passkeysOf = async (token: string) =>
    (await call(app, 'GET', '/api/account/passkeys', { token })).body.passkeys;

  it('signs in without a username: a web session cookie for the passkey’s owner, the passkey marked as used', async () => {
    const u = await withPasskey();
    const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    expect(options.status).toBe(200);
    expect(options.body.options).toMatchObject({ rpId: 'localhost', userVerification: 'preferred' });
    expect(options.body.options.allowCredentials ?? []).toEqual([]);

    const res = await signInWithPasskey(app, u.authenticator);
    expect(res.status).toBe(200);
    expect(res.body.account.username).toBe(u.username);
    expect(res.body.token).toBeUndefined();
    const cookie = cookiesOf(res);
    expect(cookie).toMatch(/session=[A-Za-z0-9_-]{20,}/);
    const me = await call(app, 'GET', '/api/account', { headers: { cookie } });
    expect(me.body.username).toBe(u.username);
    const sessions = await call(app, 'GET', '/api/account/sessions', { headers: { cookie } });
    expect(sessions.body.sessions.find((s: { current: boolean }) => s.current).client).toBe('web');
    const [listed] = await passkeysOf(u.token);
    expect(Date.parse(listed.last_used_at)).toBeGreaterThan(0);
  });

  it('a replayed answer is refused: the challenge was taken by the first', async () => {
    const u = await withPasskey();
    const first = await signInWithPasskey(app, u.authenticator);
    expect(first.status).toBe(200);
    const replay = await call(app, 'POST', '/api/auth/passkey/sign-in', { body: first.answer });
    expectError(replay, 400, 'passkey_challenge_invalid');
  });

  it('an answer made for another origin is refused and counts toward lockout', async () => {
    const u = await withPasskey();
    const res = await signInWithPasskey(app, u.authenticator, { origin: 'http://localhost.evil.test' });
    expectError(res, 401, 'passkey_invalid');
    expect(res.body.error.details.reason).toMatch(/origin/);
    expect(await failedLoginCount(app, admin, u.id)).toBe(1);
    expect((await signInWithPasskey(app, u.authenticator)).status).toBe(200);
    expect(await failedLoginCount(app, admin, u.id)).toBe(0);
  });

  it('a tampered signature is refused; an unknown passkey or a user handle of someone else is unknown', async () => {
    const u = await withPasskey();
    const v = await withPasskey();
    const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    const answer = u.authenticator.get(options.body.options, app.url);
    const signature = Buffer.from(answer.response.signature, 'base64url');
    signature[signature.length - 1]! ^= 0x01;
    const tampered = { ...answer, response: { ...answer.response, signature: signature.toString('base64url') } };
    expectError(
      await call(app, 'POST', '/api/auth/passkey/sign-in', {
        body: { attempt_id: options.body.attempt_id, response: tampered },
      }),
      401,
      'passkey_invalid',
    );

    const again = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    const foreignHandle = u.authenticator.get(again.body.options, app.url);
    foreignHandle.response.userHandle = v.authenticator.credentials[0]!.userHandle;
    expectError(
      await call(app, 'POST', '/api/auth/passkey/sign-in', {
        body: { attempt_id: again.body.attempt_id, response: foreignHandle },
      }),
      401,
      'passkey_unknown',
    );

    await call(app, 'DELETE', `/api/account/passkeys/${u.passkey.id}`, { token: u.token, body: {} });
    expectError(await signInWithPasskey(app, u.authenticator), 401, 'passkey_unknown');
  });

  it('a challenge older than five minutes is refused', async () => {
    const u = await withPasskey();
    const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    app.clock.advance(5 * 60_000 + 1000);
    const body = { attempt_id: options.body.attempt_id, response: u.authenticator.get(options.body.options, app.url) };
    expectError(await call(app, 'POST', '/api/auth/passkey/sign-in', { body }), 400, 'passkey_challenge_invalid');
    expectError(
      await call(app, 'POST', '/api/auth/passkey/sign-in', {
        body: { attempt_id: 'never-issued-attempt-id', response: body.response },
      }),
      400,
      'passkey_challenge_invalid',
    );
  });

  it('a counter that went backwards refuses the sign-in, blocks the passkey for good and mails the owner in German', async () => {
    const u = await withPasskey();
    await call(app, 'PUT', '/api/account/email', {
      token: u.token,
      body: { email_address: 'clone@example.test', preferred_email_language: 'de', current_password: u.password },
    });
    expect((await signInWithPasskey(app, u.authenticator)).status).toBe(200); // counter 1
    expect((await signInWithPasskey(app, u.authenticator)).status).toBe(200); // counter 2
    const token = await tokenFor(app, u.username, u.password);
    u.authenticator.setCounter(u.authenticator.credentials[0]!.id, 0); // a copy that signs with 1
    expectError(await signInWithPasskey(app, u.authenticator), 401, 'passkey_flagged');
    expect((await passkeysOf(token))[0]).toMatchObject({ name: 'Laptop', flagged: true });
    const mail = await smtp.waitFor((m) => m.to.includes('clone@example.test') && m.subject.includes('kopiert'));
    expect(mail.text).toContain('„Laptop“');
    // Even a counter far ahead does not unblock it.
    u.authenticator.setCounter(u.authenticator.credentials[0]!.id, 100);
    expectError(await signInWithPasskey(app, u.authenticator), 401, 'passkey_flagged');
    expect(await failedLoginCount(app, admin, u.id)).toBe(2);
  });

  it('an authenticator that does not count (counter always 0) signs in again and again', async () => {
    const u = await withPasskey({ counts: false });
    for (let i = 0; i < 3; i++) expect((await signInWithPasskey(app, u.authenticator)).status).toBe(200);
  });

  it('failed answers lock the account like wrong passwords; then even a right one is refused', async () => {
    await setSecurity(app, admin, { lockout_after_failures: 3 });
    try {
      const u = await withPasskey();
      const wrong = () => signInWithPasskey(app, u.authenticator, { origin: 'http://127.0.0.1:1' });
      expectError(await wrong(), 401, 'passkey_invalid');
      expectError(await wrong(), 401, 'passkey_invalid');
      const locking = await wrong();
      expectError(locking, 423, 'account_locked');
      expect(locking.body.error.details.retry_after_seconds).toBeGreaterThan(0);
      expectError(await signInWithPasskey(app, u.authenticator), 423, 'account_locked');
      expectError(
        await call(app, 'POST', '/api/auth/login', {
          body: { username: u.username, password: u.password, client: 'web' },
        }),
        423,
        'account_locked',
      );
    } finally {
      await setSecurity(app, admin, { lockout_after_failures: 5 });
    }
  });

  it('a disabled account is refused after the passkey proved itself', async () => {
    const u = await withPasskey();
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { enabled: false } });
    expectError(await signInWithPasskey(app, u.authenticator), 403, 'account_disabled');
  });

  it('under "2FA required" a passkey that verified the user is two factors; one that did not is refused', async () => {
    const u = await withPasskey({ fields: { two_factor_required: true } });
    expectError(
      await signInWithPasskey(app, u.authenticator, { userVerified: false }),
      401,
      'user_verification_required',
    );
    const res = await signInWithPasskey(app, u.authenticator);
    expect(res.status).toBe(200);
    expect(res.body.account.two_factor_enrollment_required).toBe(false);
    const sessions = await call(app, 'GET', '/api/account/sessions', { headers: { cookie: cookiesOf(res) } });
    expect(sessions.status).toBe(200);
  });

  it('with user verification required by the site, a passkey that did not verify the user is refused', async () => {
    const u = await withPasskey();
    await setSecurity(app, admin, { passkey_user_verification: 'required' });
    try {
      const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
      expect(options.body.options.userVerification).toBe('required');
      expectError(await signInWithPasskey(app, u.authenticator, { userVerified: false }), 401, 'passkey_invalid');
      expect((await signInWithPasskey(app, u.authenticator)).status).toBe(200);
    } finally {
      await setSecurity(app, admin, { passkey_user_verification: 'preferred' });
    }
  });

  it('the site can turn passwordless sign-in, or passkeys altogether, off', async () => {
    const u = await withPasskey();
    const pending = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    expect((await call(app, 'GET', '/api/site')).body.passkey_sign_in).toBe(true);
    await setSecurity(app, admin, { passwordless_allowed: false });
    try {
      expect((await call(app, 'GET', '/api/site')).body.passkey_sign_in).toBe(false);
      expectError(await call(app, 'POST', '/api/auth/passkey/options', { body: {} }), 403, 'passwordless_not_allowed');
      const body = {
        attempt_id: pending.body.attempt_id,
        response: u.authenticator.get(pending.body.options, app.url),
      };
      expectError(await call(app, 'POST', '/api/auth/passkey/sign-in', { body }), 403, 'passwordless_not_allowed');
      await setSecurity(app, admin, { passkeys_allowed: false, passwordless_allowed: true });
      expectError(await call(app, 'POST', '/api/auth/passkey/options', { body: {} }), 403, 'passkeys_not_allowed');
    } finally {
      await setSecurity(app, admin, { passkeys_allowed: true, passwordless_allowed: true });
    }
  });

  it('malformed answers are 400 and change nothing', async () => {
    const u = await withPasskey();
    const options = await call(app, 'POST', '/api/auth/passkey/options', { body: {} });
    const answer = u.authenticator.get(options.body.options, app.url);
    for (const response of [
      { ...answer, type: 'other' },
      { ...answer, response: { ...answer.response, signature: 'not/base64url' } },
      { ...answer, response: { ...answer.response, authenticatorData: undefined } },
      { ...answer, extra: true },
    ]) {
      const res = await call(app, 'POST', '/api/auth/passkey/sign-in', {
        body: { attempt_id: options.body.attempt_id, response },
      });
      expectError(res, 400, 'validation_failed');
    }
    expectError(
      await call(app, 'POST', '/api/auth/passkey/options', { body: { username: 'x' } }),
      400,
      'validation_failed',
    );
    expect(await failedLoginCount(app, admin, u.id)).toBe(0);
    // The challenge was not taken by the refused bodies: the right answer still signs in.
    const res = await call(app, 'POST', '/api/auth/passkey/sign-in', {
      body: { attempt_id: options.body.attempt_id, response: answer },
    });
    expect(res.status).toBe(200);
  });
});
