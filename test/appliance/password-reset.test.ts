/**
 * Password reset against the real appliance and a real SMTP server: no account enumeration, rate
 * limit, 24-hour expiry, single use, a newer link kills older ones, policy enforced, every session
 * ended, and two-factor still required after a reset.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import {
  adminToken,
  call,
  createUser,
  expectError,
  loginConsole,
  setSecurity,
  tokenFor,
} from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';
import { EventClient } from './event-client.js';

const PUBLIC_URL = 'https://support.example.test';

describe('password reset', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    app = await startTestAppliance({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
  });
  // Tests move the clock by days: a fresh admin session each time.
  beforeEach(async () => {
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const request = (v: string) => call(app, 'POST', '/api/auth/password-reset', { body: { username_or_email: v } });
  const confirm = (token: string, new_password: string) =>
    call(app, 'POST', '/api/auth/password-reset/confirm', { body: { token, new_password } });

  /** Requests a link for `email` and returns the token from the new reset mail. */
  async function linkFor(email: string): Promise<string> {
    const resets = () => smtp.mails.filter((m) => m.to.includes(email) && m.subject.startsWith('Reset your password'));
    const before = resets().length;
    expect((await request(email)).status).toBe(202);
    const end = Date.now() + 10_000;
    while (resets().length === before) {
      if (Date.now() > end) throw new Error('no reset mail');
      await new Promise((r) => setTimeout(r, 50));
    }
    return /#\/password-reset\?token=([A-Za-z0-9_-]+)/.exec(resets().at(-1)!.text)![1]!;
  }

  it('answers 202 alike for a known name, a known email, and unknown ones; mails only real accounts', async () => {
    const u = await createUser(app, admin, { email_address: 'known@example.test' });
    const answers = await Promise.all([
      request(u.username),
      request('KNOWN@example.test'),
      request('nobody-here'),
      request('nobody@example.test'),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(202);
      expect(a.body).toBeNull();
    }
    const mail = await smtp.waitFor((m) => m.to.includes('known@example.test'));
    expect(mail.subject).toBe('Reset your password – Support Appliance');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/#/password-reset?token=`);
    expect(mail.html).toContain(`${PUBLIC_URL}/console/#/password-reset?token=`);
    expect(mail.text).toContain('24 hours');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.filter((m) => m.to.some((t) => t.startsWith('nobody')))).toHaveLength(0);
  });

  it("mails the link in the user's language", async () => {
    const u = await createUser(app, admin);
    const t = await tokenFor(app, u.username, u.password);
    await call(app, 'PUT', '/api/account/email', {
      token: t,
      body: { email_address: 'deutsch@example.test', preferred_email_language: 'de', current_password: u.password },
    });
    expect((await request('deutsch@example.test')).status).toBe(202);
    const mail = await smtp.waitFor(
      (m) => m.to.includes('deutsch@example.test') && m.subject.startsWith('Kennwort zurücksetzen'),
    );
    expect(mail.text).toContain('24 Stunden');
    expect(mail.text).toContain(`${PUBLIC_URL}/console/#/password-reset?token=`);
  });

  it('sets a new password under the policy, ends every session (session.revoked), works once', async () => {
    const u = await createUser(app, admin, { email_address: 'once@example.test' });
    const session = await tokenFor(app, u.username, u.password);
    const socket = await EventClient.open(app, { authorization: `Bearer ${session}` });
    const token = await linkFor('once@example.test');

    const weak = await confirm(token, 'short');
    expect([weak.status, weak.body.error.code]).toEqual([422, 'password_policy']);
    expect(weak.body.error.details.failed_rules).toContain('min_length');
    // A refused password does not burn the link.
    expect((await confirm(token, 'Reset-Works-Fine-2024')).status).toBe(204);
    expect((await socket.next('session.revoked')).data.reason).toBe('reset');
    expect((await call(app, 'GET', '/api/account', { token: session })).status).toBe(401);
    expect((await loginConsole(app, u.username, u.password)).status).toBe(401);
    expect((await loginConsole(app, u.username, 'Reset-Works-Fine-2024')).status).toBe(200);

    const reuse = await confirm(token, 'Another-Reset-2025-x');
    expect([reuse.status, reuse.body.error.code]).toEqual([400, 'reset_token_invalid']);
    expect((await confirm('x'.repeat(43), 'Another-Reset-2025-x')).body.error.code).toBe('reset_token_invalid');
  });

  it('a newer link makes older ones invalid', async () => {
    await createUser(app, admin, { email_address: 'newer@example.test' });
    const older = await linkFor('newer@example.test');
    const newer = await linkFor('newer@example.test');
    expect(newer).not.toBe(older);
    expect((await confirm(older, 'Older-Link-Passw0rd')).body.error.code).toBe('reset_token_invalid');
    expect((await confirm(newer, 'Newer-Link-Passw0rd')).status).toBe(204);
  });

  it('a password change by any other path voids the links mailed before it', async () => {
    const u = await createUser(app, admin, { email_address: 'changed-meanwhile@example.test' });
    const link = await linkFor('changed-meanwhile@example.test');
    const token = await tokenFor(app, u.username, u.password);
    const changed = await call(app, 'PUT', '/api/account/password', {
      token,
      body: { username: u.username, current_password: u.password, new_password: 'Marble-Lantern-Orbit-58' },
    });
    expect(changed.status).toBe(204);
    expectError(await confirm(link, 'Reset-After-Change-71'), 400, 'reset_token_invalid');
    expect((await loginConsole(app, u.username, 'Marble-Lantern-Orbit-58')).status).toBe(200);
    // A link asked for after the change works.
    expect((await confirm(await linkFor('changed-meanwhile@example.test'), 'Reset-After-Change-71')).status).toBe(204);
    // The per-address request window passes, so the next tests may ask for links again.
    app.clock.advance(16 * 60_000);
  });

  it('a link is valid for 24 hours, not longer', async () => {
    await createUser(app, admin, { email_address: 'expiry@example.test' });
    const first = await linkFor('expiry@example.test');
    app.clock.advance(24 * 3_600_000 - 60_000);
    expect((await confirm(first, 'Still-In-Time-0001')).status).toBe(204);
    const second = await linkFor('expiry@example.test');
    app.clock.advance(24 * 3_600_000 + 1000);
    expect((await confirm(second, 'Too-Late-Now-00002')).body.error.code).toBe('reset_token_invalid');
  });

  it('never bypasses two-factor: the next login still needs the code', async () => {
    const u = await createUser(app, admin, { email_address: 'twofa@example.test' });
    const session = await tokenFor(app, u.username, u.password);
    const { secret } = await enrolTwoFactor(app, session, u.password);
    const token = await linkFor('twofa@example.test');
    expect((await confirm(token, 'After-Reset-2fa-Pass')).status).toBe(204);
    const noCode = await loginConsole(app, u.username, 'After-Reset-2fa-Pass');
    expect([noCode.status, noCode.body.error.code]).toEqual([401, 'otp_required']);
    alignClock(app);
    expect(
      (await loginConsole(app, u.username, 'After-Reset-2fa-Pass', { otp_code: codeFor(app, secret) })).status,
    ).toBe(200);
    expect(
      (
        await call(app, 'GET', '/api/account', {
          token: (await loginConsole(app, u.username, 'After-Reset-2fa-Pass', { otp_code: codeFor(app, secret, 1) }))
            .body.token,
        })
      ).body.two_factor.enabled,
    ).toBe(true);
  });

  it('is refused when the site turned it off, and rate limited per client address', async () => {
    await setSecurity(app, admin, { password_reset_enabled: false });
    expect((await request('anyone')).body.error.code).toBe('forbidden');
    await setSecurity(app, admin, { password_reset_enabled: true });
    app.clock.advance(60 * 60_000); // a fresh window
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push((await request(`someone-${i}`)).status);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(answers.slice(10)).toEqual([429, 429]);
  });
});
