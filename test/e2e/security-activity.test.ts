/**
 * My Account → Security activity in real Chromium against the real appliance: after a failed
 * attempt and a sign-in through the login screen, the section (reached from the navigation) shows
 * the sign-in with the browser, OS and method, and the failed attempt; axe finds no serious or
 * critical violation.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser } from '../support/api-client.js';
import { en as T } from '../../src-renderer/i18n/en.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';

const PASSWORD = 'Tech-Start-Passw0rd';
let browser: Browser;
let app: TestAppliance;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startApplianceWithConsole(inject('rendererDir'));
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.close();
});

describe('security activity section', () => {
  it('shows the sign-in just made and the failed attempt before it, without serious axe violations', async () => {
    const admin = await adminToken(app);
    const u = await createUser(app, admin, { username: 'timeline_tech', password: PASSWORD });
    expect(
      (
        await call(app, 'POST', '/api/auth/login', {
          body: { username: u.username, password: 'Wrong-Passw0rd-1', client: 'web' },
        })
      ).status,
    ).toBe(401);

    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/console/`);
    await page.getByLabel(T.login.username).fill(u.username);
    await page.getByLabel(T.login.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: T.login.submit }).click();
    await page.getByRole('navigation', { name: T.nav.label }).getByRole('link', { name: T.nav.activity }).click();

    await page.getByRole('heading', { level: 2, name: T.nav.activity }).waitFor();
    const list = page.getByRole('list', { name: T.activity.caption });
    const signIn = list.getByRole('listitem').first();
    // The title also carries the new-device mark: this browser is new to the account.
    await signIn.getByText(`${T.activity.kinds.sign_in}${T.activity.newDevice}`).waitFor();
    expect(await signIn.getByText(T.activity.method.password).count()).toBe(1);
    expect(await signIn.getByText(/^Web console · Chrome \d+, Linux$/).count()).toBe(1);
    expect(await signIn.getByText('IP address 127.0.0.1').count()).toBe(1);
    const failed = list.getByRole('listitem').filter({ hasText: T.activity.kinds.sign_in_failed_one });
    expect(await failed.getByText(T.activity.failedMethod.password).count()).toBe(1);
    expect(page.url()).toMatch(/#\/activity$/);

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'en-security-activity');
  });
});
