/**
 * Sign-in end to end in Debian's Chromium against the real appliance and a real OpenID Connect
 * provider on loopback (node-oidc-provider):
 *   - the web console: "Sign in with {name}", the provider's login page, back in My Account, whose
 *     password section says the password lives at the provider (a user created just in time);
 *   - the desktop console: main's real units (the loopback listener, PKCE, the token exchange,
 *     the secret store) with Chromium as the system browser that `shell.openExternal` opens, once
 *     through the provider and once with the password on the web console's page, then again with
 *     one confirmation in the already signed-in browser, and in German (the tab's last page in the
 *     language the person chose there). The session token reaches neither the
 *     renderer (everything the fake IPC delivered) nor any address the browser visited.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser } from '../support/api-client.js';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.js';
import { registerProvider } from '../support/sso.js';
import { startDesktop } from '../main/support/desktop-harness.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { chooseLanguage } from './support/keyboard.js';

let browser: Browser;
let app: TestAppliance;
let idp: TestIdp;
let admin: string;
let provider: { id: number; name: string };
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  [app, idp] = await Promise.all([startApplianceWithConsole(inject('rendererDir')), startTestIdp()]);
  admin = await adminToken(app);
  provider = await registerProvider(app, admin, idp, { name: 'Contoso ID', jit_provisioning: true });
});
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
  await browser?.close();
  await app?.close();
  await idp?.stop();
});

/** A fresh browser profile that records every address it requests. */
async function freshBrowser(): Promise<{ context: BrowserContext; page: Page; visited: string[] }> {
  const context = await browser.newContext();
  cleanups.push(() => context.close());
  const page = await context.newPage();
  const visited: string[] = [];
  page.on('request', (r) => visited.push(r.url()));
  return { context, page, visited };
}

async function signInAtProvider(page: Page, user: { username: string; password: string }) {
  await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Main's stack with Chromium as the system browser: `shell.openExternal` navigates the page. */
async function desktopWith(page: Page) {
  const d = await startDesktop(app.url, {
    openExternal: async (url) => {
      void page.goto(url).catch(() => undefined);
    },
  });
  cleanups.push(d.cleanup);
  return d;
}

async function expectTokenOnlyInMain(d: Awaited<ReturnType<typeof desktopWith>>, visited: string[]) {
  const token = (await d.secrets.get('session_token'))!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(d.seenByRenderer.length).toBeGreaterThan(0);
  expect(d.seenByRenderer.some((s) => s.includes(token))).toBe(false);
  expect(visited.length).toBeGreaterThan(0);
  expect(visited.some((u) => u.includes(token))).toBe(false);
  // It is the console's own session.
  const sessions = await call(app, 'GET', '/api/account/sessions', { token });
  expect(sessions.body.sessions.find((s: { current: boolean }) => s.current).client).toBe('console');
  return token;
}

describe('single sign-on in the web console', () => {
  it('Sign in with Contoso ID → the provider → My Account, without a password section to fill', async () => {
    const { page } = await freshBrowser();
    const person = idp.addUser({ sub: 'e2e-web-1', username: 'jana_sso', password: 'idp-pass', name: 'Jana SSO' });
    await page.goto(`${app.url}/console/`);
    const button = page.getByRole('button', { name: en.login.withProvider.replace('{{name}}', 'Contoso ID') });
    await button.waitFor();
    const violations = await seriousA11yViolations(page);
    expect(violations, JSON.stringify(violations)).toEqual([]);
    await screenshot(page, 'sso-login-screen');
    await button.click();
    await signInAtProvider(page, person);
    await page.getByRole('navigation', { name: en.nav.label }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/');
    await page.getByRole('link', { name: en.nav.password }).click();
    await page
      .getByText(en.password.managedByProvider.replace('{{provider}}', 'Contoso ID'))
      .waitFor({ state: 'visible' });
    expect(await page.getByLabel(en.password.current).count()).toBe(0);
    await screenshot(page, 'sso-password-section');
    const users = await call(app, 'GET', '/api/admin/users', { token: admin });
    expect(users.body.users.map((u: { username: string }) => u.username)).toContain('jana_sso');
  });

  it('a refused sign-in comes back to the login screen with the reason', async () => {
    const { page } = await freshBrowser();
    await call(app, 'PATCH', `/api/admin/identity-providers/${provider.id}`, {
      token: admin,
      body: { jit_provisioning: false },
    });
    try {
      const stranger = idp.addUser({ sub: 'e2e-web-2', username: 'nobody_here', password: 'idp-pass' });
      await page.goto(`${app.url}/console/`);
      await page.getByRole('button', { name: en.login.withProvider.replace('{{name}}', 'Contoso ID') }).click();
      await signInAtProvider(page, stranger);
      await page.getByRole('alert').filter({ hasText: en.errors.sso_user_unknown }).waitFor();
    } finally {
      await call(app, 'PATCH', `/api/admin/identity-providers/${provider.id}`, {
        token: admin,
        body: { jit_provisioning: true },
      });
    }
  });
});

describe('the desktop console signed in through Chromium as the system browser', () => {
  it('through the identity provider: the console gets the session, the tab says to return', async () => {
    const { page, visited } = await freshBrowser();
    const tech = await createUser(app, admin);
    const person = idp.addUser({ sub: 'e2e-desk-1', username: tech.username, password: 'idp-pass' });
    const d = await desktopWith(page);
    const signingIn = d.host.signInWithBrowser({ identity_provider_id: provider.id });
    await signInAtProvider(page, person);
    const result = await signingIn;
    expect(Object.keys(result).sort()).toEqual(['account', 'expires_at']);
    expect(result.account.username).toBe(tech.username);
    await page.getByRole('heading', { name: en.desktopSignIn.doneTitle }).waitFor();
    await screenshot(page, 'sso-desktop-done');

    const opened = new URL(d.opened[0]!);
    expect(`${opened.origin}${opened.pathname}`).toBe(`${app.url}/api/auth/desktop/authorize`);
    expect(opened.searchParams.get('identity_provider')).toBe(String(provider.id));
    // The browser went to the provider and came back to main's loopback listener.
    expect(visited.some((u) => u.startsWith(`${idp.issuer}/`))).toBe(true);
    expect(visited.some((u) => /^http:\/\/127\.0\.0\.1:\d+\/callback\?code=/.test(u))).toBe(true);
    expect(d.focused).toHaveLength(1);
    await expectTokenOnlyInMain(d, visited);
    expect((await d.host.getAccount()).username).toBe(tech.username);
  });

  it('in German: Mit {name} anmelden, and the tab says so in the language chosen there', async () => {
    const { page, visited } = await freshBrowser();
    await page.goto(`${app.url}/console/`);
    await chooseLanguage(page, 'de');
    const button = page.getByRole('button', { name: de.login.withProvider.replace('{{name}}', 'Contoso ID') });
    await button.waitFor();
    const tech = await createUser(app, admin);
    const person = idp.addUser({ sub: 'e2e-desk-de', username: tech.username, password: 'idp-pass' });
    const d = await desktopWith(page);
    const signingIn = d.host.signInWithBrowser({ identity_provider_id: provider.id });
    await signInAtProvider(page, person);
    expect((await signingIn).account.username).toBe(tech.username);
    await page.getByRole('heading', { name: de.desktopSignIn.doneTitle }).waitFor();
    await screenshot(page, 'sso-desktop-done-de');
    await expectTokenOnlyInMain(d, visited);
  });

  it('with the password on the web console’s page, then once more with one confirmation', async () => {
    const { page, visited } = await freshBrowser();
    const tech = await createUser(app, admin);
    const d = await desktopWith(page);
    const signingIn = d.host.signInWithBrowser({});
    await page.getByText(en.desktopSignIn.intro).waitFor();
    await page.getByLabel(en.login.username).fill(tech.username);
    await page.getByLabel(en.login.password, { exact: true }).fill(tech.password);
    await page.getByRole('button', { name: en.login.submit }).click();
    expect((await signingIn).account.username).toBe(tech.username);
    await page.getByRole('heading', { name: en.desktopSignIn.doneTitle }).waitFor();
    const first = await expectTokenOnlyInMain(d, visited);

    // A second console sign-in in the same browser, already signed in there: one confirmation.
    const again = await desktopWith(page);
    const second = again.host.signInWithBrowser({});
    await page.getByRole('button', { name: en.desktopSignIn.approve }).click();
    expect((await second).account.username).toBe(tech.username);
    await page.getByRole('heading', { name: en.desktopSignIn.doneTitle }).waitFor();
    const token = await expectTokenOnlyInMain(again, visited);
    expect(token).not.toBe(first);
  });
});
