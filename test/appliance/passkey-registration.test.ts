/**
 * My Account → Passkeys against the real appliance: the list, adding a passkey (the password or a
 * sign-in within 5 minutes, the challenge of this session, once, for 5 minutes, the appliance's
 * origin, at most ten), renaming and deleting; adding and deleting end the other sessions and
 * mail the owner in their language. Runs on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  failedLoginCount,
  createUser,
  expectError,
  setSecurity,
  tokenFor,
} from '../support/api-client.js';
import { type TestSmtp } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { addPasskey, registerPasskey, registrationOptions, startPasskeyAppliance } from '../support/passkeys.js';

const GOOGLE_PASSWORD_MANAGER = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const SIX_MINUTES = 6 * 60_000;

describe('passkey registration', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  useApplianceWithSmtp(
    (smtpUrl) => startPasskeyAppliance({ smtpUrl }),
    (started) => ({ smtp, app, admin } = started),
  );

  /** A technician with a fresh console session; with `mail`, an address and mail language of their own. */
  const technician = async (mail?: { email_address: string; preferred_email_language: string }) => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    if (mail)
      expect(
        (await call(app, 'PUT', '/api/account/email', { token, body: { ...mail, current_password: u.password } }))
          .status,
      ).toBe(200);
    return { ...u, token };
  };

  it('adds a passkey: listed with its name, dates, authenticator and synced state; other sessions end; the owner is mailed in German', async () => {
    const u = await technician({ email_address: 'pk-de@example.test', preferred_email_language: 'de' });
    const other = await tokenFor(app, u.username, u.password);
    const empty = await call(app, 'GET', '/api/account/passkeys', { token: u.token });
    expect(empty.body).toEqual({ passkeys: [], limit: 10, registration_allowed: true });

    const authenticator = new SoftwareAuthenticator({ aaguid: GOOGLE_PASSWORD_MANAGER, synced: true });
    const added = await addPasskey(app, { token: u.token }, authenticator, '  Laptop  ');
    expect(added).toMatchObject({
      name: 'Laptop',
      last_used_at: null,
      authenticator: 'Google Password Manager',
      aaguid: GOOGLE_PASSWORD_MANAGER,
      synced: true,
      flagged: false,
    });
    expect(Date.parse(added.created_at)).toBeGreaterThan(0);

    const list = await call(app, 'GET', '/api/account/passkeys', { token: u.token });
    expect(list.body.passkeys).toEqual([added]);
    expectError(await call(app, 'GET', '/api/account', { token: other }), 401, 'unauthenticated');
    expect((await call(app, 'GET', '/api/account', { token: u.token })).status).toBe(200);

    const mail = await smtp.waitFor((m) => m.to.includes('pk-de@example.test') && m.subject.includes('Passkey'));
    expect(mail.subject).toContain('Ihrem Konto wurde ein Passkey hinzugefügt');
    expect(mail.text).toContain('„Laptop“');
    expect(mail.text).toContain(`${app.url}/console/#/passkeys`);
  });

  it('a device-bound passkey of an unknown model is listed without a name and not synced', async () => {
    const u = await technician();
    const added = await addPasskey(app, { token: u.token }, new SoftwareAuthenticator(), 'Key');
    expect(added).toMatchObject({ authenticator: null, synced: false, aaguid: '00000000-0000-0000-0000-000000000000' });
  });

  it('needs the password once the sign-in is older than 5 minutes; a wrong one counts toward lockout', async () => {
    const u = await technician();
    app.clock.advance(SIX_MINUTES);
    const stale = await registrationOptions(app, { token: u.token });
    expectError(stale, 403, 'recent_sign_in_required');
    expect(stale.body.error.details.max_age_seconds).toBe(300);
    expectError(await registrationOptions(app, { token: u.token }, 'wrong-password'), 401, 'invalid_credentials');
    expect(await failedLoginCount(app, admin, u.id)).toBe(1);
    const res = await registerPasskey(app, { token: u.token }, new SoftwareAuthenticator(), {
      currentPassword: u.password,
    });
    expect(res.status).toBe(201);
  });

  it('the eleventh passkey is refused with the limit, at the options and at the answer', async () => {
    const u = await technician();
    for (let i = 1; i <= 9; i++) await addPasskey(app, { token: u.token }, new SoftwareAuthenticator(), `Key ${i}`);
    // Two ceremonies started at nine: the first answer makes ten, the second is refused.
    const a = await registrationOptions(app, { token: u.token });
    const b = await registrationOptions(app, { token: u.token });
    const answer = (o: typeof a, name: string) =>
      call(app, 'POST', '/api/account/passkeys', {
        token: u.token,
        body: {
          attempt_id: o.body.attempt_id,
          name,
          response: new SoftwareAuthenticator().create(o.body.options, app.url),
        },
      });
    expect((await answer(a, 'Key 10')).status).toBe(201);
    const late = await answer(b, 'Key 11');
    expectError(late, 409, 'passkey_limit_reached');
    expect(late.body.error.details.limit).toBe(10);
    const eleventh = await registrationOptions(app, { token: u.token });
    expectError(eleventh, 409, 'passkey_limit_reached');
    expect((await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.passkeys).toHaveLength(10);
  });

  it('refuses an answer from another origin, a replayed answer, an expired or foreign challenge, and stores nothing', async () => {
    const u = await technician();
    const v = await technician();
    const authenticator = new SoftwareAuthenticator();
    const foreign = await registerPasskey(app, { token: u.token }, authenticator, {
      ceremony: { origin: 'http://localhost.evil.test' },
    });
    expectError(foreign, 400, 'passkey_invalid');

    const options = await registrationOptions(app, { token: u.token });
    const body = {
      attempt_id: options.body.attempt_id,
      name: 'Once',
      response: authenticator.create(options.body.options, app.url),
    };
    expectError(
      await call(app, 'POST', '/api/account/passkeys', { token: v.token, body }),
      400,
      'passkey_challenge_invalid',
    );
    // The other user's attempt used it up: a challenge is taken by whoever answers first.
    expectError(
      await call(app, 'POST', '/api/account/passkeys', { token: u.token, body }),
      400,
      'passkey_challenge_invalid',
    );

    const again = await registrationOptions(app, { token: u.token });
    const answer = {
      attempt_id: again.body.attempt_id,
      name: 'Twice',
      response: authenticator.create(again.body.options, app.url),
    };
    expect((await call(app, 'POST', '/api/account/passkeys', { token: u.token, body: answer })).status).toBe(201);
    expectError(
      await call(app, 'POST', '/api/account/passkeys', { token: u.token, body: answer }),
      400,
      'passkey_challenge_invalid',
    );

    const late = await registrationOptions(app, { token: u.token });
    app.clock.advance(5 * 60_000 + 1000);
    const expired = {
      attempt_id: late.body.attempt_id,
      name: 'Late',
      response: new SoftwareAuthenticator().create(late.body.options, app.url),
    };
    expectError(
      await call(app, 'POST', '/api/account/passkeys', { token: u.token, body: expired }),
      400,
      'passkey_challenge_invalid',
    );
    const names = (await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.passkeys.map(
      (p: { name: string }) => p.name,
    );
    expect(names).toEqual(['Twice']);
  });

  it('the options exclude the passkeys the user has, so one authenticator cannot register twice', async () => {
    const u = await technician();
    const authenticator = new SoftwareAuthenticator();
    const first = await addPasskey(app, { token: u.token }, authenticator);
    const options = await registrationOptions(app, { token: u.token });
    expect(options.body.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      authenticator.credentials[0]!.id,
    ]);
    expect(options.body.options.authenticatorSelection).toMatchObject({ residentKey: 'required' });
    expect(options.body.options.rp.id).toBe('localhost');
    expect(() => authenticator.create(options.body.options, app.url)).toThrow(/InvalidStateError/);
    expect(first.name).toBe('My passkey');
  });

  it('refuses bad names and malformed answers with 400 and stores nothing', async () => {
    const u = await technician();
    const authenticator = new SoftwareAuthenticator();
    const bidi = await registerPasskey(app, { token: u.token }, authenticator, { name: 'Key\u202Egnp.exe' });
    expectError(bidi, 400, 'validation_failed');
    expect(bidi.body.error.details).toMatchObject({ field: 'name', problem: 'control_characters' });
    expectError(
      await registerPasskey(app, { token: u.token }, authenticator, { name: '   ' }),
      400,
      'validation_failed',
    );
    const options = await registrationOptions(app, { token: u.token });
    const response = authenticator.create(options.body.options, app.url);
    for (const bad of [
      { attempt_id: options.body.attempt_id, name: 'x' },
      { attempt_id: options.body.attempt_id, name: 'x', response: { ...response, type: 'password' } },
      { attempt_id: options.body.attempt_id, name: 'x', response: { ...response, id: 'not base64url!' } },
      {
        attempt_id: options.body.attempt_id,
        name: 'x',
        response: { ...response, response: { ...response.response, attestationObject: 'AAAA' } },
      },
    ]) {
      const res = await call(app, 'POST', '/api/account/passkeys', { token: u.token, body: bad });
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect((await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.passkeys).toEqual([]);
  });

  it('with user verification required, an authenticator that did not verify the user is refused', async () => {
    const u = await technician();
    await setSecurity(app, admin, { passkey_user_verification: 'required' });
    try {
      const options = await registrationOptions(app, { token: u.token });
      expect(options.body.options.authenticatorSelection.userVerification).toBe('required');
      const res = await registerPasskey(app, { token: u.token }, new SoftwareAuthenticator(), {
        ceremony: { userVerified: false },
      });
      expectError(res, 400, 'passkey_invalid');
    } finally {
      await setSecurity(app, admin, { passkey_user_verification: 'preferred' });
    }
  });

  it('with passkeys turned off by the site, adding is refused and the list says so', async () => {
    const u = await technician();
    await setSecurity(app, admin, { passkeys_allowed: false });
    try {
      expectError(await registrationOptions(app, { token: u.token }), 403, 'passkeys_not_allowed');
      expect((await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.registration_allowed).toBe(
        false,
      );
    } finally {
      await setSecurity(app, admin, { passkeys_allowed: true });
    }
  });

  it('renames a passkey of the user; another user’s or an unknown id is 404', async () => {
    const u = await technician();
    const v = await technician();
    const added = await addPasskey(app, { token: u.token }, new SoftwareAuthenticator(), 'Old');
    const renamed = await call(app, 'PATCH', `/api/account/passkeys/${added.id}`, {
      token: u.token,
      body: { name: 'Phone' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...added, name: 'Phone' });
    expectError(
      await call(app, 'PATCH', `/api/account/passkeys/${added.id}`, { token: v.token, body: { name: 'Mine' } }),
      404,
      'not_found',
    );
    expectError(
      await call(app, 'PATCH', '/api/account/passkeys/nope', { token: u.token, body: { name: 'x' } }),
      404,
      'not_found',
    );
    expectError(
      await call(app, 'PATCH', `/api/account/passkeys/${added.id}`, { token: u.token, body: { name: '' } }),
      400,
      'validation_failed',
    );
    expect((await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.passkeys[0].name).toBe('Phone');
  });

  it('deletes a passkey: recent sign-in or password, other sessions end, the owner is mailed; 404 for others', async () => {
    const u = await technician({ email_address: 'pk-del@example.test', preferred_email_language: 'en' });
    const v = await technician();
    const one = await addPasskey(app, { token: u.token }, new SoftwareAuthenticator(), 'One');
    const two = await addPasskey(app, { token: u.token }, new SoftwareAuthenticator(), 'Two');
    expectError(
      await call(app, 'DELETE', `/api/account/passkeys/${one.id}`, { token: v.token, body: {} }),
      404,
      'not_found',
    );

    const other = await tokenFor(app, u.username, u.password);
    expect((await call(app, 'DELETE', `/api/account/passkeys/${one.id}`, { token: u.token, body: {} })).status).toBe(
      204,
    );
    expectError(await call(app, 'GET', '/api/account', { token: other }), 401, 'unauthenticated');
    const mail = await smtp.waitFor((m) => m.to.includes('pk-del@example.test') && m.subject.includes('removed'));
    expect(mail.text).toContain('"One"');

    app.clock.advance(SIX_MINUTES);
    expectError(
      await call(app, 'DELETE', `/api/account/passkeys/${two.id}`, { token: u.token, body: {} }),
      403,
      'recent_sign_in_required',
    );
    expectError(
      await call(app, 'DELETE', `/api/account/passkeys/${two.id}`, {
        token: u.token,
        body: { current_password: 'no' },
      }),
      401,
      'invalid_credentials',
    );
    expect(
      (
        await call(app, 'DELETE', `/api/account/passkeys/${two.id}`, {
          token: u.token,
          body: { current_password: u.password },
        })
      ).status,
    ).toBe(204);
    expect((await call(app, 'GET', '/api/account/passkeys', { token: u.token })).body.passkeys).toEqual([]);
    expectError(
      await call(app, 'DELETE', `/api/account/passkeys/${two.id}`, { token: u.token, body: {} }),
      404,
      'not_found',
    );
  });

  it('a session that must enrol a second factor may add a passkey, which lifts the restriction', async () => {
    const u = await createUser(app, admin, { two_factor_required: true });
    const token = await tokenFor(app, u.username, u.password);
    expectError(await call(app, 'GET', '/api/account/sessions', { token }), 403, 'two_factor_enrollment_required');
    await addPasskey(app, { token }, new SoftwareAuthenticator());
    expect((await call(app, 'GET', '/api/account/sessions', { token })).status).toBe(200);
  });

  it('needs a session', async () => {
    expectError(await call(app, 'GET', '/api/account/passkeys'), 401, 'unauthenticated');
    expectError(
      await call(app, 'POST', '/api/account/passkeys/registration-options', { body: {} }),
      401,
      'unauthenticated',
    );
  });
});

describe('passkeys on an appliance reached by IP address', () => {
  it('are unavailable with a clear error: browsers refuse an IP as relying party', async () => {
    const app = await startTestAppliance();
    try {
      const admin = await adminToken(app);
      const u = await createUser(app, admin);
      const token = await tokenFor(app, u.username, u.password);
      expectError(await registrationOptions(app, { token }), 409, 'passkeys_unavailable');
      expect((await call(app, 'GET', '/api/account/passkeys', { token })).body.registration_allowed).toBe(false);
      expect((await call(app, 'GET', '/api/site')).body.passkey_sign_in).toBe(false);
    } finally {
      await app.close();
    }
  });
});
