/**
 * Management in real Chromium against the real appliance, in English and German: an admin sees
 * the Management navigation, reads administrative changes in the audit log, filters them and
 * exports the CSV; a technician sees no Management navigation, gets nothing at any Management
 * address and 403 from the admin API; the Management chunk loads only for an admin. Each screen is
 * checked with axe-core and photographed to test-output/e2e/.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, tokenFor } from '../support/api-client.js';
import { enrolTwoFactor } from '../support/two-factor.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { enAdmin } from '../../src-renderer/i18n/en-admin.js';
import { deAdmin } from '../../src-renderer/i18n/de-admin.js';
import { MANAGEMENT_IDS } from '../../src-renderer/components/admin/management-ids.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { signInWithPassword } from './support/sign-in.js';

/** Every Management address, including the screens still to come: none may show anything to a technician. */
const MANAGEMENT_URLS = [
  ...new Set([...MANAGEMENT_IDS, 'users', 'security', 'console-software', 'customer-client', 'audit']),
];
const PASSWORD = 'Tech-Start-Passw0rd';

let browser: Browser;
let rendererDir: string;
beforeAll(async () => {
  rendererDir = inject('rendererDir');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['en', { ...en, ...enAdmin }],
  ['de', { ...de, ...deAdmin }],
] as const)('Management in %s', (lang, T) => {
  let app: TestAppliance;
  let context: BrowserContext;
  let page: Page;
  const scripts: string[] = [];
  const pageErrors: string[] = [];
  const tech = `tech_${lang}`;

  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const shot = async (name: string) => {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(1280);
    await screenshot(page, `${lang}-${name}`);
  };
  const newPage = async () => {
    await context?.close();
    scripts.length = 0;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) scripts.push(res.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  };
  const signIn = async (username: string, password: string) => {
    await signInWithPassword(page, app.url, { username, password }, lang);
  };
  const managementChunkLoaded = () => scripts.some((u) => /\/Management-[^/]*\.js$/.test(u));

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir);
    const admin = await adminToken(app);
    const user = await createUser(app, admin, { username: tech, password: PASSWORD, private_display_name: 'Techie' });
    // Administrative changes through the API; the screen must show each of them.
    await call(app, 'PUT', '/api/admin/security', { token: admin, body: { min_password_length: 11 } });
    await call(app, 'PATCH', `/api/admin/users/${user.id}`, {
      token: admin,
      body: { extended_availability_allowed: true },
    });
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('a technician sees no Management, gets nothing at any Management address, and 403 from the API', async () => {
    await newPage();
    await signIn(tech, PASSWORD);
    expect(await page.getByText(T.nav.management.title, { exact: true }).count()).toBe(0);
    for (const id of MANAGEMENT_URLS) {
      await page.goto(`${app.url}/console/#/admin/${id}`);
      await page.getByRole('navigation', { name: T.nav.label }).waitFor();
      await page.getByRole('heading', { level: 2, name: T.nav.downloads }).waitFor();
      expect(await page.getByText(T.nav.management.title, { exact: true }).count(), id).toBe(0);
      expect(await page.getByRole('heading', { name: T.nav.management.audit }).count(), id).toBe(0);
    }
    const statuses = await page.evaluate(async () =>
      Promise.all(
        ['/api/admin/audit', '/api/admin/audit/export', '/api/admin/users', '/api/admin/security'].map(
          async (p) => (await fetch(p)).status,
        ),
      ),
    );
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect(managementChunkLoaded()).toBe(false);
  });

  it('an admin reads each change in the audit log, filters it and exports the CSV', async () => {
    await newPage();
    await signIn(ADMIN.username, ADMIN.password);
    expect(managementChunkLoaded()).toBe(false);
    const nav = page.getByRole('navigation', { name: T.nav.management.title });
    await nav.getByRole('link', { name: T.nav.management.audit }).click();
    await page.getByRole('heading', { level: 2, name: T.nav.management.audit }).waitFor();
    expect(managementChunkLoaded()).toBe(true);
    expect(await nav.getByRole('link', { name: T.nav.management.audit }).getAttribute('aria-current')).toBe('page');

    const rows = page.locator('tr[data-audit-id]');
    await rows.first().waitFor();
    const policy = page.locator('tr[data-kind="security.updated"]');
    await expect.poll(() => policy.textContent()).toContain('min_password_length: 8 → 11');
    expect(await policy.textContent()).toContain(T.audit.kinds.security_updated);
    const edit = page.locator('tr[data-kind="user.updated"]');
    expect(await edit.textContent()).toContain(`extended_availability_allowed: ${T.audit.no} → ${T.audit.yes}`);
    expect(await edit.textContent()).toContain(tech);
    expect(await page.locator('tr[data-kind="user.created"]').textContent()).toContain('password: — → [redacted]');
    await a11y('audit log');
    await shot('management-audit-log');

    // Filter by action: only the created users.
    await page.getByLabel(T.audit.kind).selectOption('user.created');
    await page.getByRole('button', { name: T.audit.apply }).click();
    await expect.poll(() => page.locator('tr[data-audit-id]:not([data-kind="user.created"])').count()).toBe(0);
    expect(await rows.count()).toBe(1);
    // By actor: nobody called "nobody" changed anything.
    await page.getByLabel(T.audit.actor).fill('nobody');
    await page.getByRole('button', { name: T.audit.apply }).click();
    await page.getByText(T.audit.empty).waitFor();
    await page.getByLabel(T.audit.actor).fill('');
    await page.getByLabel(T.audit.kind).selectOption('');
    await page.getByRole('button', { name: T.audit.apply }).click();
    await expect.poll(() => rows.count()).toBe(3);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: T.audit.export }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('"id","time","actor","kind","target","changes","ip"');
    expect(lines.slice(1).map((l) => l.split('","')[3])).toEqual(['user.updated', 'security.updated', 'user.created']);
    expect(csv).toContain('min_password_length: 8 → 11');
    expect(pageErrors).toEqual([]);
  });

  it('an admin creates a technician who logs in, unlocks them after failures, resets their 2FA, ends their sessions; the last admin cannot be demoted (the control off, the reason beside it)', async () => {
    const nav = page.getByRole('navigation', { name: T.nav.management.title });
    await nav.getByRole('link', { name: T.nav.management.users }).click();
    await page.getByRole('heading', { level: 2, name: T.nav.management.users }).waitFor();
    await page.locator('tr[data-user]').first().waitFor();
    const name = `newtech_${lang}`;
    const password = 'Meadow-Lantern-Quiet-58';

    await page.getByRole('button', { name: T.users.create }).click();
    await page.getByLabel(T.users.passwordWays.initial).check();
    await page.getByLabel(T.users.username, { exact: true }).fill(name);
    await page.getByLabel(T.users.initialPassword, { exact: true }).fill('short');
    await page.getByLabel(T.users.flags.password_change_required).uncheck();
    await page.getByRole('button', { name: T.users.createSubmit }).click();
    await page.getByRole('alert').waitFor(); // refused by the policy, nothing created
    expect((await call(app, 'GET', `/api/admin/users?q=${name}`, { token: await adminToken(app) })).body.users).toEqual(
      [],
    );
    await page.getByLabel(T.users.initialPassword, { exact: true }).fill(password);
    await page.getByRole('button', { name: T.users.createSubmit }).click();
    const detail = page.locator(`[data-open-user="${name}"]`);
    await detail.waitFor();
    expect((await loginConsole(app, name, password)).status).toBe(200);

    // Locked out by failures, then unlocked here.
    for (let i = 0; i < 5; i++) await loginConsole(app, name, 'Wrong-Password-123');
    expect((await loginConsole(app, name, password)).status).toBe(423);
    await page.getByLabel(T.users.search, { exact: true }).fill(name);
    await page.getByRole('button', { name: T.users.searchButton }).click();
    await page.locator(`tr[data-user="${name}"]`).getByText(T.users.badges.locked).waitFor();
    await detail.getByRole('button', { name: T.users.unlock }).click();
    await detail
      .getByRole('status')
      .filter({ hasText: T.users.done.unlocked.replace('{{name}}', name) })
      .waitFor();
    expect((await loginConsole(app, name, password)).status).toBe(200);

    // Two-factor reset after a confirmation that names the user.
    await enrolTwoFactor(app, await tokenFor(app, name, password), password);
    await page.getByRole('button', { name: T.users.searchButton }).click();
    await page.locator(`tr[data-user="${name}"]`).getByText(T.users.badges.twoFactor).waitFor();
    await detail.getByRole('button', { name: T.users.resetTwoFactor }).click();
    const question = page.getByRole('alertdialog');
    expect(await question.textContent()).toContain(`(${name})`);
    await a11y('users with a confirmation');
    await shot('management-users');
    await question.getByRole('button', { name: T.users.resetConfirmButton.replace('{{name}}', name) }).click();
    await detail
      .getByRole('status')
      .filter({ hasText: T.users.done.reset.replace('{{name}}', name) })
      .waitFor();
    expect((await loginConsole(app, name, password)).status).toBe(200);

    const token = await tokenFor(app, name, password);
    await detail.getByRole('button', { name: T.users.endSessions }).click();
    await detail
      .getByRole('status')
      .filter({ hasText: T.users.done.sessions.split('{{count}}')[0]!.replace('{{name}}', name) })
      .waitFor();
    expect((await call(app, 'GET', '/api/account', { token })).status).toBe(401);

    // The only administrator cannot demote themself: the screen says why.
    await page.getByLabel(T.users.search, { exact: true }).fill(ADMIN.username);
    await page.getByRole('button', { name: T.users.searchButton }).click();
    await page.getByRole('button', { name: T.users.openLabel.replace('{{name}}', ADMIN.username) }).click();
    const me = page.locator(`[data-open-user="${ADMIN.username}"]`);
    // Said before anyone tries: the box and the Disable button are off, the reason beside them.
    expect(await me.getByLabel(T.users.flags.is_admin).isDisabled()).toBe(true);
    expect(await me.getByRole('button', { name: T.users.disable }).isDisabled()).toBe(true);
    expect(await me.getByText(T.users.lastAdmin).count()).toBe(2);

    await nav.getByRole('link', { name: T.nav.management.audit }).click();
    for (const kind of ['user.created', 'user.unlocked', 'user.two_factor_reset', 'user.sessions_ended'])
      await page.locator(`tr[data-kind="${kind}"]`).filter({ hasText: name }).first().waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('keyboard only: Tab reaches the Management link and Enter opens the audit log with focus on its heading', async () => {
    await page.goto(`${app.url}/console/#/downloads`);
    await page.getByRole('heading', { level: 2, name: T.nav.downloads }).waitFor();
    let guard = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== T.nav.management.audit && guard++ < 40)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('section-audit-title');
  });
});
