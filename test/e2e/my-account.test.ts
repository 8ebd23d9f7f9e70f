/**
 * The web console end to end, in real Chromium against the real appliance, in English and German:
 * log in; display-name sync; email change with the password; extended availability; photo upload
 * and the 1.5 MiB refusal; end another session; copy the MSI command; set up 2FA by reading the
 * manual code and computing the TOTP here; log out and in with a code; change the password (rule
 * failures, then success); live events. Each screen is checked with axe-core and photographed to
 * test-output/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import sharp from 'sharp';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type TestAppliance, tempDir } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { currentStep, totp } from '../support/totp.js';
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

const PASSWORD = 'Tech-Start-Passw0rd';
const NEW_PASSWORD = 'Quiet-Harbour-Lantern-93';

describe.each([
  ['en', en],
  ['de', de],
] as const)('web console in %s', (lang, T) => {
  let app: TestAppliance;
  let context: BrowserContext;
  let page: Page;
  const username = `tech_${lang}`;
  const cspViolations: string[] = [];
  const files = tempDir('e2e-files-');
  let secret = '';
  let activationStep = 0;
  let recoveryCodes: string[] = [];
  let password = PASSWORD;

  const shot = async (name: string) => {
    // Tidy layout: nothing sticks out sideways at a laptop width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(1280);
    await screenshot(page, `${lang}-${name}`);
  };
  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const open = async (section: string, title: string) => {
    await page.getByRole('link', { name: title, exact: true }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
  };
  const status = (text: string | RegExp) => page.getByRole('status').filter({ hasText: text });
  const accountViaApi = async (token: string) =>
    (await call<Record<string, unknown>>(app, 'GET', '/api/account', { token })).body;

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir);
    await createUser(app, await adminToken(app), {
      username,
      password: PASSWORD,
      private_display_name: 'Techie',
      email_address: `${username}@example.com`,
      extended_availability_allowed: true,
    });
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: lang === 'de' ? 'de-DE' : 'en-US',
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => cspViolations.push(`pageerror: ${e.message}`));
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('serves the console at /console/ with a strict CSP, and / redirects there', async () => {
    const res = await page.goto(`${app.url}/`);
    expect(page.url()).toBe(`${app.url}/console/`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\//);
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  it('logs in (language picked on the login screen), with a clear message for a wrong password', async () => {
    await page.locator('#login-form').waitFor();
    if (lang === 'de') await chooseLanguage(page, 'de');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await a11y('login');
    await shot('login');
    await page.getByLabel(T.login.username).fill(username);
    await page.getByLabel(T.login.password, { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: T.login.submit }).click();
    await page.getByRole('alert').filter({ hasText: T.errors.invalid_credentials }).waitFor();
    await page.getByLabel(T.login.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: T.login.submit }).click();
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();
    expect(await page.getByText(T.account.signedInAs.replace('{{name}}', 'Techie')).count()).toBe(1);
  });

  it('downloads: unavailable items shown as such; the MSI command is built and copied', async () => {
    await open('downloads', T.nav.downloads);
    await page.getByLabel(T.downloads.platform).selectOption('windows');
    await page.getByLabel(T.downloads.msi.installDir).fill('C:\\Program Files\\ACME Support\\');
    await page.getByLabel(T.downloads.msi.runAtStartup).check();
    await page.getByLabel(T.downloads.msi.autoUpdate).check();
    await page.getByLabel(T.downloads.msi.quiet).check();
    const token = await tokenFor(app, username, password);
    const items = (
      await call<{
        items: { id: string; format?: string; platform: string; kind: string; file_name: string; available: boolean }[];
      }>(app, 'GET', '/api/downloads', { token })
    ).body.items;
    const msi = items.find((i) => i.kind === 'console' && i.platform === 'windows' && i.format === 'msi')!;
    const expected = `msiexec /i "${msi.file_name}" SITEURL="${app.url}" INSTALLDIR="C:\\Program Files\\ACME Support\\" RUNATSTARTUP=1 SHOULDAUTOUPDATE=1 /quiet`;
    expect(await page.getByTestId('msi-command').textContent()).toBe(expected);
    await page.getByRole('button', { name: T.downloads.msi.copy }).click();
    await status(T.common.copied).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    // A fresh appliance has no installers: each is shown as unavailable with the reason, not as a broken link;
    // the registry file is generated, so it is offered.
    await page.locator('[data-available]').first().waitFor();
    expect(await page.locator('[data-available="false"]').count()).toBe(5); // EXE, MSI, driver, smart card, elevation service
    expect(items.filter((i) => !i.available).length).toBeGreaterThanOrEqual(5);
    expect(await page.getByText(T.downloads.notOnAppliance).count()).toBe(5);
    const reg = page.getByRole('link', { name: T.downloads.elevation.registry });
    expect(await reg.getAttribute('href')).toBe(`${app.url}/api/downloads/elevation-service.reg`);
    // A click goes through the web host to the browser's own download, with the session cookie.
    const [download] = await Promise.all([page.waitForEvent('download'), reg.click()]);
    expect(download.suggestedFilename()).toBe('elevation-service.reg');
    expect([...fs.readFileSync((await download.path())!).subarray(0, 2)]).toEqual([0xff, 0xfe]); // UTF-16LE BOM, not an error page
    await a11y('downloads');
    await shot('downloads');
  });

  it('display names: typing the private name fills the public one; a different public name unsyncs', async () => {
    await open('names', T.nav.names);
    const priv = page.getByLabel(T.names.private);
    const pub = page.getByLabel(T.names.public);
    await priv.fill('Jo Techie');
    expect(await pub.inputValue()).toBe('Jo Techie');
    await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe(T.names.synced);
    await pub.fill('ACME Support');
    await expect.poll(() => page.getByTestId('sync-state').textContent()).toBe(T.names.unsynced);
    await priv.fill('Jo T.');
    expect(await pub.inputValue()).toBe('ACME Support');
    await page.getByRole('button', { name: T.names.save }).click();
    await status(T.names.saved).waitFor();
    const token = await tokenFor(app, username, password);
    expect(await accountViaApi(token)).toMatchObject({
      private_display_name: 'Jo T.',
      public_display_name: 'ACME Support',
      display_names_synced: false,
    });
    await a11y('names');
    await shot('names');
  });

  it('email: a wrong /login password is refused on its field; the right one saves', async () => {
    await open('email', T.nav.email);
    await page.getByLabel(T.email.address).fill(`new-${username}@example.org`);
    await page.getByLabel(T.email.password, { exact: true }).fill('not-my-password');
    if (lang === 'de') await page.getByLabel(T.email.language).selectOption('de');
    await page.getByRole('button', { name: T.email.save }).click();
    const err = page.getByText(T.password.wrongCurrent);
    await err.waitFor();
    expect(await page.getByLabel(T.email.password, { exact: true }).getAttribute('aria-describedby')).toContain(
      await err.getAttribute('id'),
    );
    await page.getByLabel(T.email.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: T.email.save }).click();
    await status(T.email.saved).waitFor();
    const token = await tokenFor(app, username, password);
    expect(await accountViaApi(token)).toMatchObject({
      email_address: `new-${username}@example.org`,
      preferred_email_language: lang === 'de' ? 'de' : 'en',
    });
    await a11y('email');
    await shot('email');
  });

  it('extended availability: enable', async () => {
    await open('availability', T.nav.availability);
    await page.getByRole('button', { name: T.availability.enable, exact: true }).click();
    await status(T.availability.enabledNow).waitFor();
    await page.getByText(T.availability.statusOn).waitFor();
    const token = await tokenFor(app, username, password);
    expect(await accountViaApi(token)).toMatchObject({ extended_availability: { allowed: true, enabled: true } });
    await a11y('availability');
    await shot('availability');
  });

  it('photo: a 1.5 MiB file is refused before upload; a PNG uploads and is shown', async () => {
    await open('photo', T.nav.photo);
    const big = path.join(files, 'big.png');
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 20, g: 110, b: 200 } } })
      .png()
      .toBuffer();
    fs.writeFileSync(big, Buffer.concat([png, Buffer.alloc(1.5 * 1024 * 1024 - png.length)]));
    let uploads = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/account/photo') && r.method() === 'PUT') uploads++;
    });
    await page.getByLabel(T.photo.choose).setInputFiles(big);
    await page.getByRole('alert').filter({ hasText: T.photo.problems.too_large }).waitFor();
    expect(uploads).toBe(0);

    const good = path.join(files, 'me.png');
    fs.writeFileSync(good, png);
    await page.getByLabel(T.photo.choose).setInputFiles(good);
    await page.locator('#photo-preview').waitFor();
    await page.getByRole('button', { name: T.photo.upload }).click();
    await status(T.photo.uploaded).waitFor();
    expect(uploads).toBe(1);
    const img = page.locator('#current-photo');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    await a11y('photo');
    await shot('photo');
  });

  it('sessions: another session is listed and ended', async () => {
    const other = await tokenFor(app, username, password);
    await open('sessions', T.nav.sessions);
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    await a11y('sessions');
    await shot('sessions');
    const otherRows = page.locator('tbody tr', { hasNot: page.getByText(T.sessions.current) });
    const before = await rows.count();
    await otherRows.first().getByRole('button', { name: T.sessions.end }).click();
    await status(T.sessions.ended).waitFor();
    expect(await rows.count()).toBe(before - 1);
    // Ending every other session (the first ones listed belong to earlier steps) leaves `other` dead too.
    // Wait for each row to go before looking again, or the loop clicks a row that is on its way out.
    for (let left = await otherRows.count(); left > 0; left = await otherRows.count()) {
      await otherRows.first().getByRole('button', { name: T.sessions.end }).click();
      await expect.poll(() => otherRows.count()).toBeLessThan(left);
    }
    expect((await call(app, 'GET', '/api/account', { token: other })).status).toBe(401);
  });

  it('two-factor: enable, scan or type the manual code, activate with password + computed code; recovery codes shown once', async () => {
    await open('two-factor', T.nav['two-factor']);
    await page.getByRole('button', { name: T.twoFactor.enable }).click();
    const secretEl = page.locator('#two-factor-secret');
    await secretEl.waitFor();
    secret = (await secretEl.textContent())!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = page.getByAltText(T.twoFactor.qrAlt);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await a11y('two-factor setup');
    await shot('two-factor-setup');
    activationStep = currentStep();
    await page.locator('#activate-password').fill(password);
    await page.locator('#activate-code').fill(totp(secret, activationStep));
    await page.getByRole('button', { name: T.twoFactor.activate }).click();
    const codes = page.locator('#recovery-codes li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    recoveryCodes = (await codes.allTextContents()).map((c) => c.trim());
    await a11y('recovery codes');
    await shot('two-factor-codes');
    await page.getByRole('button', { name: T.twoFactor.codesDone }).click();
    expect(await codes.count()).toBe(0);
    expect(await page.locator('#two-factor-status').textContent()).toContain(T.twoFactor.statusOn);
    expect(await page.locator('#two-factor-status').textContent()).toContain(
      T.twoFactor.codesLeft_other.replace('{{n}}', '10'),
    );
  });

  it('logs out and back in with an authenticator code', async () => {
    await page.getByRole('button', { name: T.account.logout }).click();
    await page.getByText(T.login.loggedOut).waitFor();
    await page.getByLabel(T.login.username).fill(username);
    await page.getByLabel(T.login.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: T.login.submit }).click();
    const code = page.getByLabel(T.login.otpCode);
    await code.waitFor();
    await a11y('second factor');
    await shot('login-code');
    // A step after the one used to activate: codes are single use, and ±1 step is accepted.
    await code.fill(totp(secret, Math.max(currentStep() + 1, activationStep + 1)));
    await page.getByRole('button', { name: T.login.verify }).click();
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();
  });

  it('password: rule failures shown per rule and the mismatch on its field, then success', async () => {
    await open('password', T.nav.password);
    await page.getByLabel(T.password.current).fill(password);
    await page.getByLabel(T.password.new, { exact: true }).fill(username); // too short, and it is the username
    await page.getByLabel(T.password.confirm).fill('something else');
    await page.getByRole('button', { name: T.password.submit }).click();
    expect(await page.locator('[data-rule="min_length"]').getAttribute('data-state')).toBe('failed');
    expect(await page.locator('[data-rule="not_username"]').getAttribute('data-state')).toBe('failed');
    await page.getByText(T.password.mismatch).waitFor();
    await page.getByText(T.password.fixRules).waitFor();
    await a11y('password errors');
    await shot('password-errors');
    // A common password passes the local rules; the appliance refuses it by its blocklist.
    await page.getByLabel(T.password.new, { exact: true }).fill('qwertyuiop');
    await page.getByLabel(T.password.confirm).fill('qwertyuiop');
    await page.getByRole('button', { name: T.password.submit }).click();
    await expect.poll(() => page.locator('[data-rule="not_common"]').getAttribute('data-state')).toBe('failed');
    await page.getByLabel(T.password.new, { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel(T.password.confirm).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: T.password.submit }).click();
    await status(T.password.changed).waitFor();
    password = NEW_PASSWORD;
    expect(
      (await call(app, 'POST', '/api/auth/login', { body: { username, password: PASSWORD, client: 'console' } }))
        .status,
    ).toBe(401);
  });

  it('live events: account.updated refreshes the screen; session.revoked returns to login with the reason', async () => {
    // The authenticator's codes were just used (single use), so this session logs in with a recovery code.
    const other = await tokenFor(app, username, password, { recovery_code: recoveryCodes[0] });
    await call(app, 'PATCH', '/api/account', { token: other, body: { private_display_name: 'Live Name' } });
    await page.getByText(T.account.signedInAs.replace('{{name}}', 'Live Name')).waitFor();
    const sessions = (
      await call<{ sessions: { id: string; client: string }[] }>(app, 'GET', '/api/account/sessions', {
        token: other,
      })
    ).body.sessions;
    const web = sessions.find((s) => s.client === 'web')!;
    expect((await call(app, 'DELETE', `/api/account/sessions/${web.id}`, { token: other })).status).toBe(204);
    await page.getByText(T.login.revoked.ended_by_user).waitFor();
    await page.getByLabel(T.login.username).waitFor();
    expect(cspViolations).toEqual([]);
  });
});
