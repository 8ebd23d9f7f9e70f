/**
 * "Forgot password" end to end: the request on the login screen, the mail through a real SMTP
 * server, the link opened in Chromium, the new password with the site's checklist, login with it,
 * and the used link refused. In German, so the reset screen's texts are exercised too.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, createUser } from '../support/api-client.js';
import { de as T } from '../../src-renderer/i18n/de.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { chooseLanguage } from './support/keyboard.js';

let browser: Browser;
let app: TestAppliance;
let smtp: TestSmtp;
let page: Page;

beforeAll(async () => {
  smtp = await new TestSmtp().start();
  const dir = inject('rendererDir');
  browser = await launchChromium();
  app = await startApplianceWithConsole(dir, { smtpUrl: smtp.url });
  await createUser(app, await adminToken(app), {
    username: 'forgetful',
    password: 'Old-Passw0rd-Long',
    email_address: 'forgetful@example.com',
  });
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.stop();
});

describe('password reset in the web console', () => {
  let link = '';

  it('requests a link from the login screen; the mail carries it', async () => {
    await page.goto(`${app.url}/console/`);
    await chooseLanguage(page, 'de');
    await page.getByRole('button', { name: T.login.forgot }).click();
    await page.getByLabel(T.login.usernameOrEmail).fill('forgetful');
    await page.getByRole('button', { name: T.login.sendLink }).click();
    await page.getByRole('status').filter({ hasText: T.login.resetSent }).waitFor();
    const mail = await smtp.waitFor(
      (m) => m.to.includes('forgetful@example.com') && m.text.includes('password-reset?token='),
    );
    link = /https?:\/\/[^\s"<>]+\/console\/#\/password-reset\?token=[A-Za-z0-9_%-]+/.exec(mail.text)![0];
    expect(link.startsWith(`${app.url}/console/`)).toBe(true);
  });

  it('the link opens the reset screen: rules checked live, then the new password is set and works', async () => {
    await page.goto(link);
    await page.getByRole('heading', { name: T.login.resetTitle }).waitFor();
    await page.getByLabel(T.password.new, { exact: true }).fill('kurz');
    expect(await page.locator('[data-rule="min_length"]').getAttribute('data-state')).toBe('failed');
    await page.getByLabel(T.password.confirm).fill('anders');
    await page.getByRole('button', { name: T.login.resetSubmit }).click();
    await page.getByText(T.password.mismatch).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'de-password-reset');
    await page.getByLabel(T.password.new, { exact: true }).fill('Neues-Kennwort-2026');
    await page.getByLabel(T.password.confirm).fill('Neues-Kennwort-2026');
    await page.getByRole('button', { name: T.login.resetSubmit }).click();
    await page.getByRole('status').filter({ hasText: T.login.resetDone }).waitFor();
    await page.getByRole('button', { name: T.login.goToLogin }).click();
    await page.getByLabel(T.login.username).fill('forgetful');
    await page.getByLabel(T.login.password, { exact: true }).fill('Neues-Kennwort-2026');
    await page.getByRole('button', { name: T.login.submit }).click();
    await page.getByRole('navigation', { name: T.nav.label }).waitFor();
  });

  it('a used link is refused with an explanation', async () => {
    await page.goto(link);
    await page.reload();
    await page.getByLabel(T.password.new, { exact: true }).fill('Noch-Ein-Kennwort-99');
    await page.getByLabel(T.password.confirm).fill('Noch-Ein-Kennwort-99');
    await page.getByRole('button', { name: T.login.resetSubmit }).click();
    await page.getByRole('alert').filter({ hasText: T.errors.reset_token_invalid }).waitFor();
  });
});
