/**
 * Passkeys end to end in Debian's Chromium with a DevTools virtual authenticator (CTAP2, internal,
 * resident keys, user verification), against the real appliance at http://localhost:PORT, in
 * English and German: register two passkeys, the eleventh refused, rename one, delete one; log
 * out and sign in passwordless (the button, and the username field's autofill); a replayed
 * answer refused; password + passkey as the second factor under "2FA required"; a counter that
 * went backwards blocks the passkey (and mails its owner); an answer from another origin refused;
 * axe finds no serious or critical violations on the screens.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { SoftwareAuthenticator } from '../support/software-authenticator.js';
import { addPasskey } from '../support/passkeys.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import {
  passkeyRequests,
  recordPasskeyRequests,
  VirtualAuthenticator,
  type VirtualCredential,
} from './support/virtual-authenticator.js';
import { chooseLanguage } from './support/keyboard.js';

let browser: Browser;
let rendererDir: string;
beforeAll(async () => {
  rendererDir = inject('rendererDir');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const fill = (text: string, vars: Record<string, string | number>) =>
  Object.entries(vars).reduce((s, [k, v]) => s.replace(`{{${k}}}`, String(v)), text);

describe.each([
  ['en', en],
  ['de', de],
] as const)('passkeys in the web console in %s', (lang, T) => {
  let app: TestAppliance;
  let smtp: TestSmtp;
  let context: BrowserContext;
  let page: Page;
  let authenticator: VirtualAuthenticator;
  let user: { id: number; username: string; password: string };
  /** The passkey the browser keeps ("Work phone") while the tests log out and in. */
  let kept: VirtualCredential;
  /** The passkeys from elsewhere ("Device 1" …). */
  const elsewhere: SoftwareAuthenticator[] = [];

  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const myAccount = () => page.getByRole('navigation', { name: T.nav.label }).waitFor();
  const openPasskeys = async () => {
    await page.getByRole('link', { name: T.nav.passkeys, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: T.nav.passkeys }).waitFor();
  };
  const item = (name: string) => page.locator('li.passkey').filter({ has: page.getByText(name, { exact: true }) });
  const logOut = async () => {
    await page.getByRole('button', { name: T.account.logout }).click();
    await page.locator('#login-form').waitFor();
  };
  /**
   * Logs out with the passkey taken off the device (kept, with its current counter), so the
   * login screen's autofill request has nothing to offer and waits.
   */
  const logOutWithoutPasskey = async () => {
    kept = (await authenticator.credentials())[0]!;
    await authenticator.clear();
    const asked = (await passkeyRequests(page)).length;
    await logOut();
    await expect.poll(async () => (await passkeyRequests(page)).slice(asked)).toEqual(['conditional']);
  };
  const passwordLogin = async () => {
    await page.getByLabel(T.login.username).fill(user.username);
    await page.getByLabel(T.login.password, { exact: true }).fill(user.password);
    await page.getByRole('button', { name: T.login.submit, exact: true }).click();
  };

  beforeAll(async () => {
    smtp = await new TestSmtp().start();
    app = await startApplianceWithConsole(rendererDir, { host: 'localhost', smtpUrl: smtp.url });
    const admin = await adminToken(app);
    user = await createUser(app, admin, { private_display_name: 'Techie' });
    const token = await tokenFor(app, user.username, user.password);
    expect(
      (
        await call(app, 'PUT', '/api/account/email', {
          token,
          body: {
            email_address: `passkeys-${lang}@example.test`,
            preferred_email_language: lang,
            current_password: user.password,
          },
        })
      ).status,
    ).toBe(200);
    // Eight passkeys from elsewhere (other devices), so the browser adds the ninth and the tenth.
    for (let i = 1; i <= 8; i++) {
      elsewhere.push(new SoftwareAuthenticator());
      await addPasskey(app, { token }, elsewhere.at(-1)!, `Device ${i}`);
    }
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: lang === 'de' ? 'de-DE' : 'en-US',
    });
    await recordPasskeyRequests(context);
    page = await context.newPage();
    authenticator = await VirtualAuthenticator.attach(page);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
    await smtp?.stop();
  });

  it('registers two passkeys, refuses the eleventh with the limit, renames one and deletes one', async () => {
    await page.goto(`${app.url}/console/`);
    await page.locator('#login-form').waitFor();
    if (lang === 'de') await chooseLanguage(page, 'de');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await page.getByLabel(T.login.username).getAttribute('autocomplete')).toBe('username webauthn');
    await a11y('login with passkey button');
    await screenshot(page, `${lang}-passkey-login`);
    await passwordLogin();
    await myAccount();
    await openPasskeys();
    await page.getByText(fill(T.passkeys.count, { count: 8, limit: 10 })).waitFor();

    await page.getByLabel(T.passkeys.name, { exact: true }).fill('Laptop');
    await page.getByRole('button', { name: T.passkeys.add }).click();
    await page.getByText(fill(T.passkeys.added, { name: 'Laptop' })).waitFor();
    // The same authenticator again: the appliance excluded its passkey, so the browser refuses.
    await page.getByLabel(T.passkeys.name, { exact: true }).fill('Again');
    await page.getByRole('button', { name: T.passkeys.add }).click();
    await page.getByRole('alert').filter({ hasText: T.passkeyCeremony.already_registered }).waitFor();
    // A second device (here: the authenticator emptied) adds the tenth.
    await authenticator.clear();
    await page.getByLabel(T.passkeys.name, { exact: true }).fill('Phone');
    await page.getByRole('button', { name: T.passkeys.add }).click();
    await page.getByText(fill(T.passkeys.added, { name: 'Phone' })).waitFor();
    await page.getByText(fill(T.passkeys.limitReached, { limit: 10 })).waitFor();
    expect(await page.getByRole('button', { name: T.passkeys.add }).count()).toBe(0);
    expect(await item('Phone').getByText(T.passkeys.deviceBound).count()).toBe(1);
    await a11y('passkeys at the limit');

    await page.getByRole('button', { name: fill(T.passkeys.renameLabel, { name: 'Phone' }) }).click();
    await page.getByLabel(T.passkeys.newName).fill('Work phone');
    await page.getByRole('button', { name: T.passkeys.save }).click();
    await page.getByText(fill(T.passkeys.renamed, { name: 'Work phone' })).waitFor();

    await page.getByRole('button', { name: fill(T.passkeys.deleteLabel, { name: 'Laptop' }) }).click();
    await item('Laptop').getByRole('button', { name: T.passkeys.delete, exact: true }).click();
    await page.getByText(fill(T.passkeys.deleted, { name: 'Laptop' })).waitFor();
    await page.getByText(fill(T.passkeys.count, { count: 9, limit: 10 })).waitFor();
    expect(await item('Laptop').count()).toBe(0);
    await a11y('passkeys');
    await screenshot(page, `${lang}-passkeys`);
    const names = (
      await call(app, 'GET', '/api/account/passkeys', { token: await tokenFor(app, user.username, user.password) })
    ).body.passkeys.map((p: { name: string }) => p.name);
    expect(names).toContain('Work phone');
    expect(names).not.toContain('Laptop');
    kept = (await authenticator.credentials())[0]!;
  });

  it('logs out and signs in without a password: the button, and the username field’s autofill', async () => {
    // The autofill request is waiting (nothing to offer); the passkey comes back to the device.
    await logOutWithoutPasskey();
    await authenticator.add(kept);
    const answers: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/auth/passkey/sign-in')) answers.push(r.postData()!);
    });
    const before = (await passkeyRequests(page)).length;
    await page.getByRole('button', { name: T.login.passkeySignIn }).click();
    await myAccount();
    expect((await passkeyRequests(page)).slice(before)).toEqual(['modal']);

    // The same signed answer again is refused: its challenge was taken by the first.
    const replay = await page.evaluate(async (body) => {
      const res = await fetch('/api/auth/passkey/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, body: await res.json() };
    }, answers[0]!);
    expect(replay).toMatchObject({ status: 400, body: { error: { code: 'passkey_challenge_invalid' } } });

    // With the passkey on the device, the username field's autofill offers it; the virtual
    // authenticator picks it at once, as a person choosing it from the suggestions would.
    const autofillFrom = (await passkeyRequests(page)).length;
    const signInsBefore = answers.length;
    await page.getByRole('button', { name: T.account.logout }).click();
    await expect.poll(() => answers.length).toBe(signInsBefore + 1);
    await myAccount();
    expect((await passkeyRequests(page)).slice(autofillFrom)).toEqual(['conditional']);
  });

  it('under "2FA required", the password and then the passkey as the second factor', async () => {
    const admin = await adminToken(app);
    expect(
      (await call(app, 'PATCH', `/api/admin/users/${user.id}`, { token: admin, body: { two_factor_required: true } }))
        .status,
    ).toBe(200);
    await logOutWithoutPasskey();
    await passwordLogin();
    const usePasskey = page.getByRole('button', { name: T.login.usePasskey });
    await usePasskey.waitFor();
    expect(await page.getByLabel(T.login.otpCode).count()).toBe(0);
    await a11y('second step');
    await screenshot(page, `${lang}-passkey-second-factor`);
    await authenticator.add(kept);
    await usePasskey.click();
    await myAccount();
    // Not restricted to enrolment: every section is there.
    expect(await page.getByRole('link', { name: T.nav.sessions, exact: true }).count()).toBe(1);
  });

  it('a counter that went backwards is refused and flagged, and the owner is mailed', async () => {
    await logOutWithoutPasskey();
    // A copy of the key whose counter is behind what the appliance saw last.
    await authenticator.add({ ...kept, signCount: 0 });
    await page.getByRole('button', { name: T.login.passkeySignIn }).click();
    await page.getByRole('alert').filter({ hasText: T.errors.passkey_flagged }).waitFor();
    const mail = await smtp.waitFor(
      (m) => m.to.includes(`passkeys-${lang}@example.test`) && m.text.includes('Work phone') && m.subject.length > 0,
    );
    expect(mail.subject).toContain(lang === 'de' ? 'kopiert' : 'copied');

    // The blocked passkey is no longer offered; another of the account's passkeys is the second factor.
    await authenticator.clear();
    await passwordLogin();
    await page.getByRole('button', { name: T.login.usePasskey }).waitFor();
    await authenticator.add(elsewhere[0]!.exportCredential(elsewhere[0]!.credentials[0]!.id));
    await page.getByRole('button', { name: T.login.usePasskey }).click();
    await myAccount();
    await openPasskeys();
    await item('Work phone').getByText(T.passkeys.flagged, { exact: true }).waitFor();
    await item('Work phone').getByText(T.passkeys.flaggedHelp).waitFor();
    await a11y('flagged passkey');
  });

  it('an answer signed for another origin is refused by the appliance', async () => {
    // An appliance whose public URL has another port than the page: same RP ID (localhost), so
    // the browser signs, but the origin in the signed client data is not the appliance's.
    const other = await startApplianceWithConsole(rendererDir, { host: 'localhost', publicUrl: 'http://localhost:1' });
    try {
      const admin = await adminToken(other);
      const u = await createUser(other, admin);
      const token = await tokenFor(other, u.username, u.password);
      const software = new SoftwareAuthenticator();
      // Registered where the appliance expects it (its public URL's origin)...
      const options = await call(other, 'POST', '/api/account/passkeys/registration-options', { token, body: {} });
      const response = software.create(options.body.options, 'http://localhost:1');
      expect(
        (
          await call(other, 'POST', '/api/account/passkeys', {
            token,
            body: { attempt_id: options.body.attempt_id, name: 'Key', response },
          })
        ).status,
      ).toBe(201);
      // ...and used from a page at another origin.
      const otherPage = await context.newPage();
      const otherAuthenticator = await VirtualAuthenticator.attach(otherPage);
      await otherPage.goto(`${other.url}/console/`);
      await otherPage.locator('#login-form').waitFor();
      // Once the autofill request waits (nothing to offer yet), the passkey comes to the device.
      await expect.poll(() => passkeyRequests(otherPage)).toContain('conditional');
      await otherAuthenticator.add(software.exportCredential(software.credentials[0]!.id));
      await otherPage.getByRole('button', { name: en.login.passkeySignIn }).click();
      await otherPage.getByRole('alert').filter({ hasText: en.errors.passkey_invalid }).waitFor();
      expect(await otherPage.getByRole('navigation', { name: en.nav.label }).count()).toBe(0);
      await otherPage.close();
    } finally {
      await other.close();
    }
  });
});

describe('the login screen with passkey sign-in', () => {
  it('loads at most 150 KiB of JavaScript (gzip), the passkey library (loaded after the first paint for autofill) included', async () => {
    const app = await startApplianceWithConsole(rendererDir, { host: 'localhost' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await recordPasskeyRequests(context);
      const scripts = new Map<string, Promise<Buffer>>();
      page.on('response', (res) => {
        if (res.url().endsWith('.js')) scripts.set(res.url(), res.body());
      });
      await page.goto(`${app.url}/console/`);
      await page.locator('#login-form').waitFor();
      await expect.poll(() => passkeyRequests(page)).toEqual(['conditional']);
      await page.waitForLoadState('networkidle');
      const gzipped = (await Promise.all(scripts.values())).reduce(
        (n, b) => n + zlib.gzipSync(b, { level: 9 }).length,
        0,
      );
      expect(gzipped).toBeLessThanOrEqual(150 * 1024);
      expect([...scripts.keys()].filter((u) => /\/webauthn-[^/]+\.js$/.test(u))).toHaveLength(1);
    } finally {
      await context.close();
      await app.close();
    }
  });
});
