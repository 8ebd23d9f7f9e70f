/**
 * Management > Security and Customer client in real Chromium against the real appliance, in
 * English and German, by keyboard only: an admin changes the password policy (a wrong value marked
 * as typed, the preview, the changes listed, then what was stored), is refused requiring 2FA while
 * holding no second factor (the reason on the screen, nothing stored), sees the security overview
 * chart (its own chunk, loaded only here) with the site's real sign-ins, failures and lockout, sets
 * an elevation rule, and reads both changes, and not the refused one, in the audit log. axe finds no
 * serious or critical violation; each screen is photographed to test-output/e2e/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, createUser, loginConsole, setSecurity } from '../support/api-client.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { enAdmin } from '../../src-renderer/i18n/en-admin.js';
import { deAdmin } from '../../src-renderer/i18n/de-admin.js';
import { enAdminSecurity } from '../../src-renderer/i18n/en-admin-security.js';
import { deAdminSecurity } from '../../src-renderer/i18n/de-admin-security.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { press, typeInto } from './support/keyboard.js';
import { signInWithPassword } from './support/sign-in.js';

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
  ['en', { ...en, ...enAdmin, ...enAdminSecurity }],
  ['de', { ...de, ...deAdmin, ...deAdminSecurity }],
] as const)('Management > Security in %s', (lang, T) => {
  let app: TestAppliance;
  let page: Page;
  const scripts: string[] = [];
  const pageErrors: string[] = [];

  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const openManagement = async (name: string) => {
    await press(page.getByRole('navigation', { name: T.nav.management.title }).getByRole('link', { name }), 'Enter');
    await page.getByRole('heading', { level: 2, name }).waitFor();
  };
  const chartChunkLoaded = () => scripts.some((u) => /\/OverviewChart-[^/]*\.js$/.test(u));

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir);
    const admin = await adminToken(app);
    // Real activity for the overview: two sign-ins of a technician, then failures until a lockout.
    const tech = await createUser(app, admin, { username: `overview_${lang}` });
    await setSecurity(app, admin, { lockout_after_failures: 3 });
    await loginConsole(app, tech.username, tech.password);
    await loginConsole(app, tech.username, tech.password);
    for (let i = 0; i < 3; i++) await loginConsole(app, tech.username, 'Not-The-Password-1');
    await setSecurity(app, admin, { lockout_after_failures: 5 });

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('response', (res) => {
      if (res.url().endsWith('.js')) scripts.push(res.url());
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInWithPassword(page, app.url, ADMIN, lang);
  });
  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('changes the policy: a wrong value is marked as typed, the preview follows, the changes are listed and then stored', async () => {
    expect(chartChunkLoaded()).toBe(false);
    await openManagement(T.nav.management.security);
    const minLength = page.getByLabel(T.security.fields.min_password_length);
    await typeInto(minLength, '0');
    const rangeMessage = T.security.problems.range.replace('{{min}}', '1').replace('{{max}}', '128');
    await page.getByText(rangeMessage).waitFor();
    expect(await minLength.getAttribute('aria-invalid')).toBe('true');
    await typeInto(minLength, '12');
    expect(await page.getByText(rangeMessage).count()).toBe(0);

    await typeInto(page.getByLabel(T.security.preview.label), 'short-pass');
    await expect
      .poll(() => page.locator('#security-preview-rules [data-rule="min_length"]').getAttribute('data-state'))
      .toBe('failed');
    expect(await page.locator('#security-preview-rules [data-rule="min_length"]').textContent()).toContain('12');

    await press(page.getByLabel(T.security.fields.unlock_by_admin_only), 'Space');
    expect(await page.getByLabel(T.security.fields.lockout_duration_minutes).isDisabled()).toBe(true);
    const pending = page.locator('#security-pending li');
    expect(await pending.allTextContents()).toEqual([
      `${T.security.fields.min_password_length}: 8 → 12`,
      `${T.security.fields.lockout_duration_minutes}: 15 → 0`,
    ]);
    await a11y('security, editing');
    await press(page.getByRole('button', { name: T.security.save }), 'Enter');
    const saved = page.locator('#security-saved');
    await saved.waitFor();
    expect(await saved.locator('li').allTextContents()).toEqual([
      `${T.security.fields.min_password_length}: 8 → 12`,
      `${T.security.fields.lockout_duration_minutes}: 15 → 0`,
    ]);
    const stored = (await call(app, 'GET', '/api/admin/security', { token: await adminToken(app) })).body;
    expect([stored.min_password_length, stored.lockout_duration_minutes]).toEqual([12, 0]);
  });

  it('is refused requiring 2FA while holding no second factor: the reason on the screen, nothing stored', async () => {
    await press(page.getByLabel(T.security.fields.two_factor_required), 'Space');
    await press(page.getByRole('button', { name: T.security.save }), 'Enter');
    const refusal = page.locator('#security-refusal');
    await refusal.waitFor();
    expect(await refusal.getAttribute('role')).toBe('alert');
    expect(await refusal.textContent()).toContain(T.security.refused.no_second_factor);
    const stored = (await call(app, 'GET', '/api/admin/security', { token: await adminToken(app) })).body;
    expect(stored.two_factor_required).toBe(false);
    await a11y('security, refused');
    await screenshot(page, `${lang}-management-security`);
    await press(page.getByRole('button', { name: T.security.reset }), 'Enter');
    expect(await page.getByLabel(T.security.fields.two_factor_required).isChecked()).toBe(false);
  });

  it('shows the security overview chart from the activity records, its chunk loaded only with this screen', async () => {
    expect(chartChunkLoaded()).toBe(true);
    const totals = page.locator('#security-overview-totals');
    await totals.waitFor();
    // Counted when the screen opened: the admin's sign-ins (API and this browser) and the
    // technician's two; three failed attempts; one lockout.
    expect(await totals.textContent()).toBe(
      T.security.overview.totals
        .replace('{{days}}', '30')
        .replace('{{signIns}}', '4')
        .replace('{{failed}}', '3')
        .replace('{{lockouts}}', '1'),
    );
    const chart = page.getByRole('img', { name: T.security.overview.chartLabel });
    await chart.locator('canvas').waitFor();
    expect((await chart.locator('canvas').boundingBox())!.width).toBeGreaterThan(300);
    await press(page.getByText(T.security.overview.showTable), 'Enter');
    const today = new Date().toISOString().slice(0, 10);
    const row = page.locator(`.overview-table tr[data-day="${today}"] td`);
    expect((await row.allTextContents()).slice(1)).toEqual(['4', '3', '1']);
    await a11y('security overview');
    await page.locator('.overview-chart').scrollIntoViewIfNeeded();
    await page.locator('.overview-chart').screenshot({ path: `test-output/e2e/${lang}-security-overview.png` });
    expect(pageErrors).toEqual([]);
  });

  it('sets an elevation rule and reads it, and the policy change, but not the refused one, in the audit log', async () => {
    await openManagement(T.nav.management['customer-client']);
    const auto = page.getByLabel(T.customerClient.elevate_automatically);
    await auto.waitFor();
    expect(await auto.isChecked()).toBe(false);
    await press(auto, 'Space');
    await page.getByText(T.customerClient.onRequestCovered).waitFor();
    await a11y('customer client');
    await press(page.getByRole('button', { name: T.customerClient.save }), 'Enter');
    const saved = page.locator('#customer-client-saved');
    await saved.waitFor();
    expect(await saved.locator('li').textContent()).toBe(
      `${T.customerClient.elevate_automatically}: ${T.audit.no} → ${T.audit.yes}`,
    );
    await screenshot(page, `${lang}-management-customer-client`);
    const rules = (await call(app, 'GET', '/api/admin/customer-client', { token: await adminToken(app) })).body;
    expect(rules).toMatchObject({ elevate_automatically: true, elevate_on_request: true });

    await openManagement(T.nav.management.audit);
    const rule = page.locator('tr[data-kind="customer_client.updated"]');
    await rule.waitFor();
    expect(await rule.textContent()).toContain(`elevate_automatically: ${T.audit.no} → ${T.audit.yes}`);
    expect(await rule.textContent()).toContain(T.audit.kinds.customer_client_updated);
    const policy = page.locator('tr[data-kind="security.updated"]', { hasText: 'min_password_length: 8 → 12' });
    expect(await policy.textContent()).toContain('lockout_duration_minutes: 15 → 0');
    expect(await page.locator('tr[data-kind="security.updated"]', { hasText: 'two_factor_required' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
