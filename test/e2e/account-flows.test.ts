/**
 * The rest of the login and My Account behaviour in real Chromium against the real appliance:
 * forced password change and forced 2FA enrolment lead straight to their screen; locked (time
 * left / admin) and disabled accounts are explained; 2FA management (switch app, regenerate
 * recovery codes, disable refused when enforced, disable) and recovery-code login; the whole
 * flow by keyboard alone; the web console's file serving (cache, preload, traversal); the
 * password-strength dictionaries loaded only by a password screen, so the login screen's
 * JavaScript stays at most 150 KiB gzipped.
 */
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import sharp from 'sharp';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, tokenFor } from '../support/api-client.js';
import { en as T } from '../../src-renderer/i18n/en.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { codeFor } from '../support/two-factor.js';

const PASSWORD = 'Tech-Start-Passw0rd';
let browser: Browser;
let app: TestAppliance;
let admin: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const dir = inject('rendererDir');
  browser = await launchChromium();
  app = await startApplianceWithConsole(dir);
  admin = await adminToken(app);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function freshPage(): Promise<Page> {
  await context?.close();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${app.url}/console/`);
  await page.locator('#login-form').waitFor();
  return page;
}

async function login(username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel(T.login.username).fill(username);
  await page.getByLabel(T.login.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: T.login.submit }).click();
}

const navLinks = () => page.getByRole('navigation', { name: T.nav.label }).getByRole('link').allTextContents();

/** Enrols 2FA through the page; returns the secret. */
async function enrolTwoFactor(password = PASSWORD): Promise<{ secret: string }> {
  await page.getByRole('button', { name: T.twoFactor.enable }).click();
  const secret = (await page.locator('#two-factor-secret').textContent())!.replace(/\s+/g, '');
  await page.locator('#activate-password').fill(password);
  await page.locator('#activate-code').fill(codeFor(app, secret));
  await page.getByRole('button', { name: T.twoFactor.activate }).click();
  await page.locator('#recovery-codes li').first().waitFor();
  return { secret };
}

/**
 * The authenticator's code one time step after the last one used: codes are single use, so the
 * appliance's clock moves on a step (instead of the test waiting up to 30 s for the next one).
 */
function nextCode(secret: string): string {
  app.clock.advance(30_000);
  return codeFor(app, secret);
}

describe('forced screens', () => {
  it('a forced password change leads straight to the password section; after the change the rest opens', async () => {
    await createUser(app, admin, { username: 'forced_pw', password: PASSWORD, password_change_required: true });
    await freshPage();
    await login('forced_pw');
    await page.getByText(T.account.forcedPassword).waitFor();
    expect(await navLinks()).toEqual([T.nav.password]);
    await page.getByLabel(T.password.current).fill(PASSWORD);
    await page.getByLabel(T.password.new, { exact: true }).fill('Brand-New-Passw0rd-7');
    await page.getByLabel(T.password.confirm).fill('Brand-New-Passw0rd-7');
    await page.getByRole('button', { name: T.password.submit }).click();
    // The person stays on the section and sees the outcome; the other sections open.
    await page.getByRole('status').filter({ hasText: T.password.changed }).waitFor();
    await expect.poll(navLinks).toHaveLength(10);
    expect(await page.getByText(T.account.forcedPassword).count()).toBe(0);
  });

  it('forced 2FA enrolment leads straight to two-factor (or passkeys); disabling is then refused and explained', async () => {
    await createUser(app, admin, { username: 'forced_2fa', password: PASSWORD, two_factor_required: true });
    await freshPage();
    await login('forced_2fa');
    await page.getByText(T.account.forcedTwoFactor).waitFor();
    // A second factor can be an authenticator app or a passkey: both sections are open, no other.
    expect(await navLinks()).toEqual([T.nav['two-factor'], T.nav.passkeys]);
    await enrolTwoFactor();
    await page.getByRole('button', { name: T.twoFactor.codesDone }).click();
    await expect.poll(navLinks).toHaveLength(10);
    expect(await page.getByRole('button', { name: T.twoFactor.disable }).isDisabled()).toBe(true);
    await page.getByText(T.twoFactor.cannotDisable).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'en-two-factor-enforced');
  });
});

describe('login messages', () => {
  it('a locked account shows the time left; a lock only an admin can lift says so; a disabled account too', async () => {
    await createUser(app, admin, { username: 'locky', password: PASSWORD });
    await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      body: { lockout_after_failures: 3, lockout_duration_minutes: 15 },
    });
    for (let i = 0; i < 3; i++)
      await call(app, 'POST', '/api/auth/login', {
        body: { username: 'locky', password: 'wrong', client: 'console' },
      });
    await freshPage();
    await login('locky');
    await page
      .getByRole('alert')
      .filter({ hasText: /Try again in 15 minutes\./ })
      .waitFor();

    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { lockout_duration_minutes: 0 } });
    await createUser(app, admin, { username: 'locky2', password: PASSWORD });
    for (let i = 0; i < 3; i++)
      await call(app, 'POST', '/api/auth/login', {
        body: { username: 'locky2', password: 'wrong', client: 'console' },
      });
    await login('locky2');
    await page.getByRole('alert').filter({ hasText: T.errors.account_locked_admin }).waitFor();
    await call(app, 'PUT', '/api/admin/security', {
      token: admin,
      body: { lockout_after_failures: 5, lockout_duration_minutes: 15 },
    });

    const { id } = await createUser(app, admin, { username: 'gone', password: PASSWORD });
    await call(app, 'PATCH', `/api/admin/users/${id}`, { token: admin, body: { enabled: false } });
    await login('gone');
    await page.getByRole('alert').filter({ hasText: T.errors.account_disabled }).waitFor();
  });
});

describe('two-factor management', () => {
  it('switch app, regenerate recovery codes, log in with a recovery code, disable', async () => {
    await createUser(app, admin, { username: 'manager', password: PASSWORD });
    await freshPage();
    await login('manager');
    await page.getByRole('link', { name: T.nav['two-factor'], exact: true }).click();
    const first = await enrolTwoFactor();
    await page.getByRole('button', { name: T.twoFactor.codesDone }).click();

    // Switch app: the password and the current factor first, then a new secret, proven with the
    // new app's code and a newer code of the old one.
    await page.getByRole('button', { name: T.twoFactor.switchApp }).click();
    await page.locator('#switch-password').fill(PASSWORD);
    await page.locator('#switch-current-code').fill(nextCode(first.secret));
    await page.getByRole('button', { name: T.twoFactor.switchStart }).click();
    const second = (await page.locator('#two-factor-secret').textContent())!.replace(/\s+/g, '');
    expect(second).not.toBe(first.secret);
    await page.locator('#activate-password').fill(PASSWORD);
    await page.locator('#activate-current-code').fill(codeFor(app, first.secret));
    await page.locator('#activate-code').fill(nextCode(second));
    await page.getByRole('button', { name: T.twoFactor.activate }).click();
    // The old app's code from the step already used is refused on its own field.
    await page.locator('#activate-current-code[aria-invalid="true"]').waitFor();
    await page.locator('#activate-current-code').fill(codeFor(app, first.secret));
    await page.getByRole('button', { name: T.twoFactor.activate }).click();
    await page.getByRole('status').filter({ hasText: T.twoFactor.switched }).waitFor();
    await page.getByRole('button', { name: T.twoFactor.codesDone }).click();

    // Regenerate recovery codes.
    await page.getByRole('button', { name: T.twoFactor.regenerate }).click();
    await page.locator('#regenerate-password').fill(PASSWORD);
    await page.locator('#regenerate-code').fill(nextCode(second));
    await page.getByRole('button', { name: T.twoFactor.regenerate }).last().click();
    const codes = page.locator('#recovery-codes li');
    await codes.first().waitFor();
    const recovery = (await codes.allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    await page.getByRole('button', { name: T.twoFactor.codesDone }).click();

    // Log out, log in with a recovery code.
    await page.getByRole('button', { name: T.account.logout }).click();
    await login('manager');
    await page.getByRole('button', { name: T.login.useRecovery }).click();
    await page.getByLabel(T.login.recoveryCode).fill(recovery[0]!);
    await page.getByRole('button', { name: T.login.verify }).click();
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();

    // Disable with a wrong code first (shown on the code field), then a right one.
    await page.getByRole('link', { name: T.nav['two-factor'], exact: true }).click();
    await page.getByRole('button', { name: T.twoFactor.disable }).click();
    await page.locator('#disable-password').fill(PASSWORD);
    await page.locator('#disable-code').fill('000000');
    await page.getByRole('button', { name: T.twoFactor.disable }).last().click();
    await page.getByText(T.errors.otp_invalid).waitFor();
    expect(await page.locator('#disable-code').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#disable-code').fill(nextCode(second));
    await page.getByRole('button', { name: T.twoFactor.disable }).last().click();
    await page.getByRole('status').filter({ hasText: T.twoFactor.disabledNow }).waitFor();
    expect(await page.locator('#two-factor-status').textContent()).toContain(T.twoFactor.statusOff);
  });
});

describe('photo refused by the appliance', () => {
  it("a file that passes the page's checks but not the appliance's shows the appliance's answer", async () => {
    await createUser(app, admin, { username: 'photog', password: PASSWORD });
    await freshPage();
    await login('photog');
    await page.getByRole('link', { name: T.nav.photo, exact: true }).click();
    // A real 100×100 PNG whose header claims 20000×20000 pixels: the page's header check passes
    // (≥ 80×80, small file); the appliance decodes it and refuses.
    const png = Buffer.from(
      await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } })
        .png()
        .toBuffer(),
    );
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(20000, 20);
    await page.getByLabel(T.photo.choose).setInputFiles({ name: 'bomb.png', mimeType: 'image/png', buffer: png });
    await page.getByRole('button', { name: T.photo.upload }).click();
    // What the appliance says to these bytes, asked directly; the page must show that code's sentence.
    const token = await tokenFor(app, 'photog', PASSWORD);
    const direct = await fetch(`${app.url}/api/account/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    });
    const code = ((await direct.json()) as { error: { code: string } }).error.code;
    expect(code).toMatch(/^photo_/);
    await page
      .getByRole('alert')
      .filter({ hasText: (T.errors as Record<string, string>)[code]! })
      .waitFor();
    expect(await page.locator('#current-photo').count()).toBe(0);
  });
});

describe('keyboard only', () => {
  it('logs in and reaches the password section with Tab and Enter; focus lands on the section heading', async () => {
    await createUser(app, admin, { username: 'keys', password: PASSWORD });
    await freshPage();
    // The username field has focus on arrival (given just after the form's first frame is painted).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await page.keyboard.type('keys');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();
    // Tab from the start of the page to the "Password" link, then Enter.
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== T.nav.password && guard++ < 30)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('section-password-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('username');
  });
});

describe('password strength', () => {
  it('the login screen loads at most 150 KiB of JavaScript (gzip) and no dictionaries; the password section loads them for its meter', async () => {
    await createUser(app, admin, { username: 'meter', password: PASSWORD, private_display_name: 'Mira' });
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) scripts.set(res.url(), res.body());
    });
    await page.goto(`${app.url}/console/`);
    await page.locator('#login-form').waitFor();
    await page.waitForLoadState('networkidle');
    const initial = [...scripts.keys()];
    const gzipped = (await Promise.all(scripts.values())).reduce(
      (n, b) => n + zlib.gzipSync(b, { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(150 * 1024);
    expect(initial.filter((u) => u.includes('password-estimator'))).toEqual([]);

    await login('meter');
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();
    await page.getByRole('link', { name: T.nav.password, exact: true }).click();
    await page.getByLabel(T.password.new, { exact: true }).fill('password1234');
    const meter = page.getByRole('meter', { name: T.password.strength.label });
    await meter.waitFor();
    expect([...scripts.keys()].filter((u) => u.includes('password-estimator'))).toHaveLength(1);
    expect(Number(await meter.getAttribute('aria-valuenow'))).toBeLessThan(3);
    await page.getByText(T.password.strength.reasons.common_with_digits, { exact: false }).waitFor();
    expect(await page.locator('[data-rule="strength"]').getAttribute('data-state')).toBe('failed');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'en-password-strength');
    await page.getByLabel(T.password.new, { exact: true }).fill('Quiet-Harbour-Lantern-93');
    await expect.poll(() => page.locator('[data-rule="strength"]').getAttribute('data-state')).toBe('passed');
  });
});

describe('web console files', () => {
  it('caches hashed assets for a year, revalidates index.html, preloads /api/site, refuses traversal', async () => {
    const index = await fetch(`${app.url}/console/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('link')).toBe('</api/site>; rel=preload; as=fetch; crossorigin');
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    const html = await index.text();
    const asset = html.match(/src="\.\/(assets\/[^"]+\.js)"/)![1]!;
    const js = await fetch(`${app.url}/console/${asset}`);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-security-policy')).toContain("default-src 'none'");
    for (const bad of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/..%2fpackage.json']) {
      const res = await fetch(`${app.url}${bad}`);
      expect(res.status, bad).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('"devDependencies"');
    }
    const redirect = await fetch(`${app.url}/console`, { redirect: 'manual' });
    expect(redirect.headers.get('location')).toBe('/console/');
  });
});
