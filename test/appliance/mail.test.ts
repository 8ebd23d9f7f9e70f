/**
 * Outgoing mail against a real SMTP server (smtp-server on 127.0.0.1): every security notice
 * arrives, in the recipient's language (else the site default), as text and HTML with the site's
 * public URL; and with SMTP down, a mail waits in the outbox (across a restart) and is delivered
 * exactly once when SMTP is back.
 */
import { describe, expect, it } from 'vitest';
import { startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, setSecurity, tokenFor } from '../support/api-client.js';
import { TestSmtp, type ReceivedMail } from '../support/smtp-sink.js';
import { useApplianceWithSmtp } from '../support/appliance-with-smtp.js';
import { alignClock, codeFor, enrolTwoFactor } from '../support/two-factor.js';

const PUBLIC_URL = 'https://support.example.test';

function expectWellFormed(mail: ReceivedMail): void {
  expect(mail.text).toContain(PUBLIC_URL);
  expect(mail.html).toContain(`href="${PUBLIC_URL}"`);
  expect(mail.html).toMatch(/^<!doctype html>/);
  expect(mail.raw).toMatch(/multipart\/alternative/);
}

describe('security notices by mail', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  useApplianceWithSmtp(
    (smtpUrl) => startTestAppliance({ smtpUrl, publicUrl: PUBLIC_URL }),
    (started) => ({ smtp, app, admin } = started),
  );

  it('German user: email set, password changed, 2FA enabled/switched/codes/disabled, email changed (old and new address)', async () => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const first = `de-${u.username}@example.test`;
    expect(
      (
        await call(app, 'PUT', '/api/account/email', {
          token,
          body: { email_address: first, preferred_email_language: 'de', current_password: u.password },
        })
      ).status,
    ).toBe(200);
    const set = await smtp.waitFor(
      (m) => m.to.includes(first) && m.subject.startsWith('Ihre E-Mail-Adresse wurde geändert'),
    );
    expectWellFormed(set);
    expect(set.from).toBe('appliance@localhost');

    const newPassword = 'Ein-neues-Kennwort-77';
    expect(
      (
        await call(app, 'PUT', '/api/account/password', {
          token,
          body: { username: u.username, current_password: u.password, new_password: newPassword },
        })
      ).status,
    ).toBe(204);
    const pw = await smtp.waitFor((m) => m.to.includes(first) && m.subject.startsWith('Ihr Kennwort wurde geändert'));
    expectWellFormed(pw);
    expect(pw.text).toContain('Hallo');

    const { secret } = await enrolTwoFactor(app, token, newPassword);
    expectWellFormed(
      await smtp.waitFor(
        (m) => m.to.includes(first) && m.subject.startsWith('Zwei-Faktor-Authentifizierung ist aktiviert'),
      ),
    );

    const switchProof = { current_password: newPassword, current_code: codeFor(app, secret) };
    const next = (await call(app, 'POST', '/api/account/two-factor/setup', { token, body: switchProof })).body
      .secret as string;
    alignClock(app);
    expect(
      (
        await call(app, 'POST', '/api/account/two-factor/activate', {
          token,
          body: { current_password: newPassword, code: codeFor(app, next), current_code: codeFor(app, secret) },
        })
      ).status,
    ).toBe(200);
    await smtp.waitFor(
      (m) => m.to.includes(first) && m.subject.startsWith('Sie haben Ihre Authentifikator-App gewechselt'),
    );

    alignClock(app);
    expect(
      (
        await call(app, 'POST', '/api/account/two-factor/recovery-codes', {
          token,
          body: { current_password: newPassword, code: codeFor(app, next) },
        })
      ).status,
    ).toBe(200);
    await smtp.waitFor((m) => m.to.includes(first) && m.subject.startsWith('Neue Wiederherstellungscodes'));

    alignClock(app);
    expect(
      (
        await call(app, 'DELETE', '/api/account/two-factor', {
          token,
          body: { current_password: newPassword, code: codeFor(app, next) },
        })
      ).status,
    ).toBe(204);
    await smtp.waitFor(
      (m) => m.to.includes(first) && m.subject.startsWith('Zwei-Faktor-Authentifizierung ist deaktiviert'),
    );
    expect(secret).not.toBe(next);

    const second = `neu-${u.username}@example.test`;
    expect(
      (
        await call(app, 'PUT', '/api/account/email', {
          token,
          body: { email_address: second, current_password: newPassword },
        })
      ).status,
    ).toBe(200);
    const toOld = await smtp.waitFor((m) => m.to.includes(first) && m.text.includes(second));
    const toNew = await smtp.waitFor(
      (m) => m.to.includes(second) && m.subject.startsWith('Ihre E-Mail-Adresse wurde geändert'),
    );
    for (const m of [toOld, toNew]) {
      expect(m.subject).toBe('Ihre E-Mail-Adresse wurde geändert – Support Appliance');
      expect(m.text).toContain(`von ${first} in ${second}`);
    }
  });

  it('English user, and a user without a preference gets the site default language', async () => {
    const en = await createUser(app, admin, { email_address: 'english@example.test' });
    const tEn = await tokenFor(app, en.username, en.password);
    await call(app, 'PUT', '/api/account/email', {
      token: tEn,
      body: { email_address: 'english@example.test', preferred_email_language: 'en', current_password: en.password },
    });
    const none = await createUser(app, admin, { email_address: 'nolang@example.test' });
    const tNone = await tokenFor(app, none.username, none.password);

    await setSecurity(app, admin, { default_language: 'de' });
    try {
      expect(
        (
          await call(app, 'PUT', '/api/account/password', {
            token: tEn,
            body: { username: en.username, current_password: en.password, new_password: 'Brand-New-Secret-88' },
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await call(app, 'PUT', '/api/account/password', {
            token: tNone,
            body: { username: none.username, current_password: none.password, new_password: 'Brand-New-Secret-89' },
          })
        ).status,
      ).toBe(204);
      const english = await smtp.waitFor(
        (m) => m.to.includes('english@example.test') && m.subject.includes('password'),
      );
      expect(english.subject).toBe('Your password was changed – Support Appliance');
      expect(english.text).toMatch(/^Hello /);
      expectWellFormed(english);
      const german = await smtp.waitFor((m) => m.to.includes('nolang@example.test'));
      expect(german.subject).toBe('Ihr Kennwort wurde geändert – Support Appliance');
    } finally {
      await setSecurity(app, admin, { default_language: 'en' });
    }
  });

  it('escapes user-controlled text in the HTML part', async () => {
    const u = await createUser(app, admin, {
      email_address: 'xss@example.test',
      private_display_name: '<script>alert(1)</script>',
    });
    const t = await tokenFor(app, u.username, u.password);
    await call(app, 'PUT', '/api/account/password', {
      token: t,
      body: { username: u.username, current_password: u.password, new_password: 'Brand-New-Secret-90' },
    });
    const m = await smtp.waitFor((x) => x.to.includes('xss@example.test'));
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
  });
});

describe('durable outbox', () => {
  it('SMTP down: the mail waits (also across a restart) and is delivered exactly once when SMTP is back', async () => {
    const probe = await new TestSmtp().start();
    const port = probe.port;
    await probe.stop(); // now nothing listens there: connection refused
    const dataDir = tempDir();
    let app = await startTestAppliance({ dataDir, smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: PUBLIC_URL });
    const admin = await adminToken(app);
    const u = await createUser(app, admin, { email_address: 'outbox@example.test' });
    const token = await tokenFor(app, u.username, u.password);
    expect(
      (
        await call(app, 'PUT', '/api/account/password', {
          token,
          body: { username: u.username, current_password: u.password, new_password: 'Outbox-Passw0rd-Long' },
        })
      ).status,
    ).toBe(204);

    const row = () =>
      app.ctx.db
        .selectFrom('mail_outbox')
        .select(['attempts', 'sent_at', 'last_error'])
        .where('to_address', '=', 'outbox@example.test')
        .executeTakeFirst();
    const until = async (pred: (r: Awaited<ReturnType<typeof row>>) => boolean, what: string) => {
      const end = Date.now() + 15_000;
      while (!pred(await row())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until((r) => (r?.attempts ?? 0) >= 1, 'a failed attempt');
    expect((await row())!.sent_at).toBeNull();
    expect((await row())!.last_error).toMatch(/ECONNREFUSED|connect/i);
    app.clock.advance(10_000);
    await until((r) => r!.attempts >= 2, 'a retry');

    await app.close(); // restart while SMTP is still down: the row survives in the database
    app = await startTestAppliance({ dataDir, smtpUrl: `smtp://127.0.0.1:${port}`, publicUrl: PUBLIC_URL });
    const smtp = await new TestSmtp().start(port);
    try {
      app.clock.advance(10 * 60_000); // past any backoff
      const m = await smtp.waitFor((x) => x.to.includes('outbox@example.test'), 15_000);
      expect(m.subject).toBe('Your password was changed – Support Appliance');
      await until((r) => r!.sent_at !== null, 'sent_at');
      // Keep the clock moving and the worker polling: no second delivery.
      for (let i = 0; i < 3; i++) {
        app.clock.advance(60 * 60_000);
        await new Promise((r) => setTimeout(r, 1100));
      }
      expect(smtp.mails.filter((x) => x.to.includes('outbox@example.test'))).toHaveLength(1);
      expect((await row())!.attempts).toBeGreaterThanOrEqual(3);
    } finally {
      await app.close();
      await smtp.stop();
    }
  }, 60_000);
});
