/**
 * Management > Users in real Chromium against the real appliance and a real SMTP server, English
 * and German, by keyboard only (Tab to a control, then type, Enter or Space): an admin creates a
 * technician who gets a set-password link, the technician sets the password from the mail and
 * signs in; the admin sees them locked after failed attempts and unlocks them, resets their
 * two-factor authentication, ends one session and then all, and reads it all in the user's
 * security activity. axe finds no serious or critical violation; screenshots go to the docs.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { call, loginConsole, tokenFor } from '../support/api-client.js';
import { TestSmtp } from '../support/smtp-sink.js';
import { enrolTwoFactor } from '../support/two-factor.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { enAdmin } from '../../src-renderer/i18n/en-admin.js';
import { deAdmin } from '../../src-renderer/i18n/de-admin.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { chooseLanguage } from './support/keyboard.js';

let browser: Browser;
let rendererDir: string;
let smtp: TestSmtp;
beforeAll(async () => {
  rendererDir = inject('rendererDir');
  browser = await launchChromium();
  smtp = await new TestSmtp().start();
});
afterAll(async () => {
  await browser?.close();
  await smtp?.stop();
});

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k]!);

/**
 * Presses Tab until the focused element is the one `target` names (by its accessible label, text
 * or aria-label), as a keyboard user moves through the page. Fails after `limit` presses.
 */
async function tabTo(page: Page, target: string, limit = 120): Promise<void> {
  const focusedIs = () =>
    page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el) return false;
      const names = [el.getAttribute('aria-label'), el.textContent?.trim(), ...[...(el.labels ?? [])].map((l) => l.textContent?.trim())];
      return names.includes(${JSON.stringify(target)});
    })()`);
  for (let i = 0; i < limit; i++) {
    if (await focusedIs()) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${target}"`);
}

describe.each([
  ['en', { ...en, ...enAdmin, errors: { ...en.errors, ...enAdmin.errors } }],
  ['de', { ...de, ...deAdmin, errors: { ...de.errors, ...deAdmin.errors } }],
] as const)('Management > Users in %s, by keyboard', (lang, T) => {
  let app: TestAppliance;
  let admin: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const tech = `kbtech_${lang}`;
  const email = `${tech}@example.test`;
  const password = lang === 'en' ? 'Lantern-Meadow-Quiet-58' : 'Laterne-Wiese-Leise-58';

  const a11y = async (p: Page, where: string) => {
    const v = await seriousA11yViolations(p);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const signInByKeyboard = async (p: Page, username: string, secret: string) => {
    await p.goto(`${app.url}/console/`);
    await p.locator('#login-form').waitFor();
    if (lang === 'de') await chooseLanguage(p, 'de');
    await tabTo(p, T.login.username);
    await p.keyboard.type(username);
    await tabTo(p, T.login.password);
    await p.keyboard.type(secret);
    await p.keyboard.press('Enter');
    await p.getByRole('navigation', { name: T.nav.label }).waitFor();
  };
  const detail = () => page.locator(`[data-open-user="${tech}"]`);
  const status = (text: string) => detail().getByRole('status').filter({ hasText: text }).first().waitFor();
  const press = async (name: string, key = 'Enter') => {
    await tabTo(page, name);
    await page.keyboard.press(key);
  };

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir, { smtpUrl: smtp.url });
    if (lang === 'de')
      await call(app, 'PUT', '/api/admin/security', {
        token: await tokenFor(app, ADMIN.username, ADMIN.password),
        body: { default_language: 'de' },
      });
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await admin.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  afterAll(async () => {
    await admin?.close();
    await app?.close();
  });

  it('an admin creates a technician with a set-password link; the technician sets the password from the mail and signs in', async () => {
    await signInByKeyboard(page, ADMIN.username, ADMIN.password);
    await press(T.nav.management.users);
    await page.getByRole('heading', { level: 2, name: T.nav.management.users }).waitFor();
    await page.locator('tr[data-user]').first().waitFor();
    await press(T.users.create);
    await tabTo(page, T.users.username);
    await page.keyboard.type(tech);
    await tabTo(page, T.users.name);
    await page.keyboard.type('Keyboard Technician');
    await tabTo(page, T.users.email);
    await page.keyboard.type(email);
    // The link is the default way; Space on it keeps it chosen.
    await tabTo(page, T.users.passwordWays.link);
    await page.keyboard.press('Space');
    await a11y(page, 'new user form');
    await screenshot(page, `${lang}-users-create`);
    await press(T.users.createSubmit);
    await page
      .getByRole('status')
      .filter({ hasText: fill(T.users.created.link, { username: tech, email }) })
      .waitFor();
    await detail().waitFor();

    const mail = await smtp.waitFor((m) => m.to.includes(email));
    expect(mail.text).toContain(lang === 'en' ? `Your username is ${tech}.` : `Ihr Benutzername ist ${tech}.`);
    const link = /https?:\/\/[^\s"<>]+\/console\/#\/password-reset\?token=[A-Za-z0-9_%-]+/.exec(mail.text)![0];
    expect(link.startsWith(`${app.url}/console/`)).toBe(true);

    const techContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const techPage = await techContext.newPage();
      if (lang === 'de') {
        // The language chosen on the login screen is the one the link's page opens in.
        await techPage.goto(`${app.url}/console/`);
        await chooseLanguage(techPage, 'de');
      }
      await techPage.goto(link);
      await techPage.getByRole('heading', { name: T.login.resetTitle }).waitFor();
      await tabTo(techPage, T.password.new);
      await techPage.keyboard.type(password);
      await tabTo(techPage, T.password.confirm);
      await techPage.keyboard.type(password);
      await techPage.keyboard.press('Enter');
      await techPage.getByRole('status').filter({ hasText: T.login.resetDone }).waitFor();
      await signInByKeyboard(techPage, tech, password);
      await a11y(techPage, "the technician's My Account");
    } finally {
      await techContext.close();
    }
    expect(pageErrors).toEqual([]);
  });

  it('the admin sees them locked after failures and unlocks them, resets their 2FA, ends one session and then all, and reads the activity', async () => {
    for (let i = 0; i < 5; i++) await loginConsole(app, tech, 'Wrong-Password-123');
    expect((await loginConsole(app, tech, password)).status).toBe(423);
    await tabTo(page, T.users.search);
    await page.keyboard.type(tech);
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-user="${tech}"]`).getByText(T.users.badges.locked).waitFor();
    await press(fill(T.users.openLabel, { name: tech }));
    await press(T.users.unlock);
    await status(fill(T.users.done.unlocked, { name: 'Keyboard Technician' }));
    const console1 = await tokenFor(app, tech, password);

    await enrolTwoFactor(app, console1, password);
    expect((await loginConsole(app, tech, password)).body.error.code).toBe('otp_required');
    await tabTo(page, T.users.search);
    await page.keyboard.press('Enter');
    await page.locator(`tr[data-user="${tech}"]`).getByText(T.users.badges.twoFactor).waitFor();
    await press(fill(T.users.openLabel, { name: tech }));
    await press(T.users.resetTwoFactor);
    const question = page.getByRole('alertdialog');
    expect(await question.textContent()).toContain(`(${tech})`);
    await a11y(page, 'two-factor reset question');
    await press(fill(T.users.resetConfirmButton, { name: 'Keyboard Technician' }));
    await status(fill(T.users.done.reset, { name: 'Keyboard Technician' }));
    const console3 = await tokenFor(app, tech, password);

    // Two sessions in the detail: end one of them by its own button.
    const sessions = detail().locator('tr[data-session-id]');
    await expect.poll(() => sessions.count()).toBe(2);
    const endOne = (await sessions.first().getByRole('button').getAttribute('aria-label'))!;
    await press(endOne);
    await expect.poll(() => sessions.count()).toBe(1);
    const alive = [];
    for (const t of [console1, console3]) alive.push((await call(app, 'GET', '/api/account', { token: t })).status);
    expect(alive.sort()).toEqual([200, 401]);

    await press(T.users.endSessions);
    await status(T.users.done.sessions.split('{{count}}')[0]!.replace('{{name}}', 'Keyboard Technician'));
    await detail().getByText(T.sessions.none).waitFor();
    for (const t of [console1, console3])
      expect((await call(app, 'GET', '/api/account', { token: t })).status).toBe(401);

    // The security activity shows what happened, newest first.
    const kinds = async () =>
      detail()
        .locator('li[data-kind]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    await expect
      .poll(kinds)
      .toEqual(expect.arrayContaining(['locked', 'unlocked', 'two_factor_changed', 'sessions_ended']));
    expect(await detail().getByText(T.activity.unlockedByAdmin).count()).toBeGreaterThan(0);
    await a11y(page, 'user detail');
    await screenshot(page, `${lang}-users-detail`);
    expect(pageErrors).toEqual([]);
  });
});
