/**
 * Changing the authenticator app, turning 2FA off, changing the email address or the password ends
 * every other session of the user (the acting one stays), mails a security notice over real SMTP
 * (an email change also to the old address), and the user's timeline names why the sessions ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, expectError, tokenFor } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';

describe('account changes end the other sessions', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    app = await startTestAppliance({ smtpUrl: smtp.url, publicUrl: 'https://support.example.test' });
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  /** A user with an address and two console sessions: `acting` makes the change, `other` must end. */
  async function twoSessions(opts: { twoFactor?: boolean } = {}) {
    const u = await createUser(app, admin);
    const email = `${u.username}@example.test`;
    await call(app, 'PATCH', `/api/admin/users/${u.id}`, { token: admin, body: { email_address: email } });
    const acting = await tokenFor(app, u.username, u.password);
    const tf = opts.twoFactor ? await enrolTwoFactor(app, acting, u.password) : null;
    alignClock(app);
    const other = tf
      ? await tokenFor(app, u.username, u.password, { otp_code: codeFor(app, tf.secret) })
      : await tokenFor(app, u.username, u.password);
    if (tf) alignClock(app);
    return { ...u, email, acting, other, secret: tf?.secret ?? '', recoveryCodes: tf?.recoveryCodes ?? [] };
  }
  const account = (token: string) => call(app, 'GET', '/api/account', { token });
  async function expectOnlyActingLeft(u: { acting: string; other: string }) {
    expectError(await account(u.other), 401, 'unauthenticated');
    expect((await account(u.acting)).status).toBe(200);
  }
  async function sessionsEndedReasons(token: string): Promise<string[]> {
    const page = await call(app, 'GET', '/api/account/activity', { token });
    expect(page.status).toBe(200);
    return (page.body.items as { kind: string; data: { reason?: string } }[])
      .filter((e) => e.kind === 'sessions_ended')
      .map((e) => e.data.reason!);
  }

  it('switching the authenticator app', async () => {
    const u = await twoSessions({ twoFactor: true });
    const started = await call(app, 'POST', '/api/account/two-factor/setup', {
      token: u.acting,
      body: { current_password: u.password, current_code: u.recoveryCodes[0] },
    });
    expect(started.status).toBe(200);
    // Only a pending secret: nothing has changed yet, the other session lives on.
    expect((await account(u.other)).status).toBe(200);
    const switched = await call(app, 'POST', '/api/account/two-factor/activate', {
      token: u.acting,
      body: {
        current_password: u.password,
        code: codeFor(app, started.body.secret),
        current_code: codeFor(app, u.secret),
      },
    });
    expect(switched.status).toBe(200);
    await expectOnlyActingLeft(u);
    await smtp.waitFor((m) => m.to.includes(u.email) && m.subject.startsWith('You switched your authenticator app'));
    expect(await sessionsEndedReasons(u.acting)).toContain('two_factor_changed');
  });

  it('turning two-factor authentication off', async () => {
    const u = await twoSessions({ twoFactor: true });
    const off = await call(app, 'DELETE', '/api/account/two-factor', {
      token: u.acting,
      body: { current_password: u.password, code: codeFor(app, u.secret) },
    });
    expect(off.status).toBe(204);
    await expectOnlyActingLeft(u);
    await smtp.waitFor((m) => m.to.includes(u.email) && m.subject.startsWith('Two-factor authentication is off'));
    expect(await sessionsEndedReasons(u.acting)).toContain('two_factor_changed');
  });

  it('changing the email address, with the notice to the old address too', async () => {
    const u = await twoSessions();
    const newEmail = `new-${u.email}`;
    const changed = await call(app, 'PUT', '/api/account/email', {
      token: u.acting,
      body: { email_address: newEmail, current_password: u.password },
    });
    expect(changed.status).toBe(200);
    await expectOnlyActingLeft(u);
    // To the old address, naming the new one (the admin's setting of the first address sent one too).
    await smtp.waitFor(
      (m) =>
        m.to.includes(u.email) &&
        !m.to.includes(newEmail) &&
        m.subject.startsWith('Your email address was changed') &&
        m.text.includes(newEmail),
    );
    expect(await sessionsEndedReasons(u.acting)).toContain('email_changed');
  });

  it('saving the same address again (only the language) ends nothing', async () => {
    const u = await twoSessions();
    const same = await call(app, 'PUT', '/api/account/email', {
      token: u.acting,
      body: { email_address: u.email.toUpperCase(), current_password: u.password },
    });
    expect(same.status).toBe(200);
    expect((await account(u.other)).status).toBe(200);
  });

  it('changing the password', async () => {
    const u = await twoSessions();
    const changed = await call(app, 'PUT', '/api/account/password', {
      token: u.acting,
      body: { username: u.username, current_password: u.password, new_password: 'Violet-Staple-Quartz-93' },
    });
    expect(changed.status).toBe(204);
    await expectOnlyActingLeft(u);
    await smtp.waitFor((m) => m.to.includes(u.email) && m.subject.startsWith('Your password was changed'));
    expect(await sessionsEndedReasons(u.acting)).toContain('password_changed');
  });
});
