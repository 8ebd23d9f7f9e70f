/**
 * The new-device notice against a real SMTP server: a sign-in from a client, browser/OS and IP not
 * seen for the user in 90 days mails them once, in their language, with links to the timeline and
 * to their sessions; a known device does not; the site can turn it off
 * (`new_device_sign_in_notice`). Runs on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, setSecurity, tokenFor } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';

describe('new-device notice', () => {
  let smtp: TestSmtp;
  let app: TestAppliance;
  let admin: string;

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    app = await startTestAppliance({ smtpUrl: smtp.url });
    admin = await adminToken(app);
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  /** A technician who signed in once from the console (before having an address), then set address and language. */
  const technician = async (address: string, language: 'de' | 'en') => {
    const u = await createUser(app, admin);
    const token = await tokenFor(app, u.username, u.password);
    const set = await call(app, 'PUT', '/api/account/email', {
      token,
      body: { email_address: address, preferred_email_language: language, current_password: u.password },
    });
    expect(set.status).toBe(200);
    return u;
  };
  const webSignIn = (u: { username: string; password: string }, userAgent: string) =>
    call(app, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'web' },
      headers: { 'user-agent': userAgent },
    });
  const noticesTo = (address: string) =>
    smtp.mails.filter((m) => m.to.includes(address) && /New sign-in|Neue Anmeldung/.test(m.subject));

  it('mails a sign-in from a new device once, in German, with the device and links to the timeline and the sessions', async () => {
    const address = 'neu-de@example.test';
    const u = await technician(address, 'de');
    // Two sign-ins from the same new device at once: one notice.
    const [a, b] = await Promise.all([webSignIn(u, FIREFOX_LINUX), webSignIn(u, FIREFOX_LINUX)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const mail = await smtp.waitFor((m) => m.to.includes(address) && m.text.includes('Firefox 133'));
    expect(mail.subject).toContain('Neue Anmeldung an Ihrem Konto');
    expect(mail.text).toContain('Client: Web-Konsole');
    expect(mail.text).toContain('Gerät: Firefox 133, Linux');
    expect(mail.text).toContain('IP-Adresse: 127.0.0.1');
    expect(mail.text).toContain(`${app.url}/console/#/activity`);
    expect(mail.text).toContain(`${app.url}/console/#/sessions`);
    expect(mail.html).toContain(`href="${app.url}/console/#/sessions"`);
    expect(mail.text).toMatch(/Zeitpunkt: \d{1,2}\. [A-Za-zäÄ]+ \d{4}/);

    // The same device again, then a new one: only the new one is mailed (mail leaves in order).
    expect((await webSignIn(u, FIREFOX_LINUX)).status).toBe(200);
    expect((await webSignIn(u, SAFARI_MAC)).status).toBe(200);
    await smtp.waitFor((m) => m.to.includes(address) && m.text.includes('Safari 18'));
    expect(noticesTo(address).map((m) => /Firefox|Safari|Node/.exec(m.text)?.[0])).toEqual(['Firefox', 'Safari']);
  });

  it('mails in English for an English reader, naming the desktop console and its version', async () => {
    const address = 'new-en@example.test';
    const u = await technician(address, 'en');
    // The console on the device it first signed in from: known.
    await tokenFor(app, u.username, u.password, { console_version: '3.1.0' });
    const fromEdge = await call(app, 'POST', '/api/auth/login', {
      body: { username: u.username, password: u.password, client: 'console', console_version: '3.1.0' },
      headers: { 'user-agent': EDGE_WINDOWS },
    });
    expect(fromEdge.status).toBe(200);
    const mail = await smtp.waitFor((m) => m.to.includes(address) && m.text.includes('Edge 131'));
    expect(mail.subject).toContain('New sign-in to your account');
    expect(mail.text).toContain('Client: desktop console 3.1.0');
    expect(mail.text).toContain('Device: Edge 131, Windows');
    expect(mail.text).toContain('End sessions');
    expect(noticesTo(address)).toHaveLength(1);
  });

  it('sends nothing while the site has the notice turned off', async () => {
    const address = 'off@example.test';
    const u = await technician(address, 'en');
    await setSecurity(app, admin, { new_device_sign_in_notice: false });
    try {
      expect((await webSignIn(u, FIREFOX_LINUX)).status).toBe(200);
    } finally {
      await setSecurity(app, admin, { new_device_sign_in_notice: true });
    }
    expect((await webSignIn(u, SAFARI_MAC)).status).toBe(200);
    await smtp.waitFor((m) => m.to.includes(address) && m.text.includes('Safari 18'));
    expect(noticesTo(address).map((m) => /Firefox|Safari|Node/.exec(m.text)?.[0])).toEqual(['Safari']);
  });
});
