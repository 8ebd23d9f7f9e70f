/**
 * Management > Security's identity provider form in real Chromium against the real appliance and a
 * real OpenID Connect provider on loopback (node-oidc-provider), in English and German, by
 * keyboard only: an admin adds a provider pointing at the test's provider (an issuer that is not
 * https marked as typed), registers the redirect URI the screen shows, edits the provider (the
 * secret left empty stays as stored), is refused turning off the last provider while technicians
 * must use one (said in the form, nothing typed lost), and a person then signs in through it. The
 * audit log has each change and never the secret. axe finds no serious or critical violation; the
 * form is photographed to test-output/e2e/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { adminToken, call, setSecurity } from '../support/api-client.js';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { enAdmin } from '../../src-renderer/i18n/en-admin.js';
import { deAdmin } from '../../src-renderer/i18n/de-admin.js';
import { enAdminSecurity } from '../../src-renderer/i18n/en-admin-security.js';
import { deAdminSecurity } from '../../src-renderer/i18n/de-admin-security.js';
import { enAdminProviders } from '../../src-renderer/i18n/en-admin-providers.js';
import { deAdminProviders } from '../../src-renderer/i18n/de-admin-providers.js';
import { launchChromium, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { chooseLanguage, press, typeInto } from './support/keyboard.js';
import { signInWithPassword } from './support/sign-in.js';

let browser: Browser;
let idp: TestIdp;
let rendererDir: string;
beforeAll(async () => {
  rendererDir = inject('rendererDir');
  [browser, idp] = await Promise.all([launchChromium(), startTestIdp()]);
});
afterAll(async () => {
  await browser?.close();
  await idp?.stop();
});

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k]!);

describe.each([
  ['en', { ...en, ...enAdmin }, enAdminSecurity.security, enAdminProviders.security.providerForm],
  ['de', { ...de, ...deAdmin }, deAdminSecurity.security, deAdminProviders.security.providerForm],
] as const)('the identity provider form in %s, by keyboard', (lang, T, S, P) => {
  let app: TestAppliance;
  let page: Page;
  let providerId: number;
  const pageErrors: string[] = [];
  const first = lang === 'en' ? 'Contoso ID' : 'Contoso Anmeldung';
  const renamed = `${first} (staff)`;

  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const form = () => page.locator('form.provider-form');
  const field = (name: keyof typeof P.fields) => form().getByLabel(P.fields[name], { exact: true });
  const stored = async () =>
    (await call(app, 'GET', '/api/admin/identity-providers', { token: await adminToken(app) })).body
      .identity_providers[0];

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInWithPassword(page, app.url, ADMIN, lang);
    const security = T.nav.management.security;
    await press(
      page.getByRole('navigation', { name: T.nav.management.title }).getByRole('link', { name: security }),
      'Enter',
    );
    await page.getByText(S.providers.none).waitFor();
  });
  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('adds a provider: a bad issuer is marked as typed, then what was set is listed and the row has the redirect URI', async () => {
    await press(page.getByRole('button', { name: P.add }), 'Enter');
    await form().waitFor();
    // The form opens at its first field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('provider-name');
    await page.keyboard.type(first);
    await typeInto(field('issuer'), 'http://login.example.com/tenant');
    await form().getByText(P.problems.issuer_not_https).waitFor();
    expect(await field('issuer').getAttribute('aria-invalid')).toBe('true');
    await typeInto(field('issuer'), 'login.example.com');
    await form().getByText(P.problems.issuer_not_url).waitFor();
    await a11y('provider form, bad issuer');
    await press(form().getByRole('button', { name: P.create }), 'Enter');
    await form().getByText(S.fix).waitFor();
    expect(await stored()).toBeUndefined();

    await typeInto(field('issuer'), idp.issuer);
    expect(await form().getByText(P.problems.issuer_not_url).count()).toBe(0);
    await typeInto(field('client_id'), idp.clientId);
    await typeInto(field('client_secret'), idp.clientSecret);
    expect(await field('client_secret').getAttribute('type')).toBe('password');
    expect(await page.locator('#provider-pending li').allTextContents()).toContain(
      `${P.fields.client_secret}: ${T.audit.none} → ${P.secretNew}`,
    );
    await a11y('provider form, filled in');
    // From the top, as the screenshot helper does: scrolled, the sticky header would cover the form.
    await page.evaluate('window.scrollTo(0, 0)');
    const box = (await form().boundingBox())!;
    await page.screenshot({ path: `test-output/e2e/${lang}-identity-provider-form.png`, fullPage: true, clip: box });
    await press(form().getByRole('button', { name: P.create }), 'Enter');

    const saved = page.locator('#provider-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain(fill(P.added, { name: first }));
    const lines = await saved.locator('li').allTextContents();
    expect(lines).toContain(`${P.fields.name}: ${T.audit.none} → ${first}`);
    expect(lines).toContain(`${P.fields.issuer}: ${T.audit.none} → ${idp.issuer}`);
    expect(lines).toContain(`${P.fields.client_secret}: ${T.audit.none} → ${P.secretNew}`);
    expect(lines.join('\n')).not.toContain(idp.clientSecret);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('provider-saved');

    const p = await stored();
    expect(p).toMatchObject({ name: first, issuer: idp.issuer, client_id: idp.clientId, client_secret_set: true });
    expect(p).toMatchObject({ enabled: true, jit_provisioning: false, scopes: 'openid profile email' });
    providerId = p.id;
    // The admin registers the redirect URI the row shows at the provider.
    const row = page.locator(`tr[data-provider-id="${p.id}"]`);
    const redirect = (await row.locator('code').nth(1).textContent())!;
    expect(redirect).toBe(`${app.url}/api/auth/sso/${p.id}/callback`);
    idp.allowRedirectUri(redirect);
    expect(pageErrors).toEqual([]);
  });

  it('edits it: the secret left empty is kept, the changes are listed before and after saving', async () => {
    await press(page.getByRole('button', { name: fill(P.editNamed, { name: first }) }), 'Enter');
    await form().waitFor();
    expect(await field('issuer').inputValue()).toBe(idp.issuer);
    expect(await field('client_secret').inputValue()).toBe('');
    await form().getByText(P.hints.client_secretEdit).waitFor();
    await typeInto(field('name'), renamed);
    await typeInto(field('admin_group_claim'), 'groups');
    await form().getByText(P.problems.admin_group_pair).waitFor();
    await typeInto(field('admin_group_claim'), '');
    await press(form().getByLabel(P.fields.jit_provisioning), 'Space');
    const change = [
      `${P.fields.name}: ${first} → ${renamed}`,
      `${P.fields.jit_provisioning}: ${T.audit.no} → ${T.audit.yes}`,
    ];
    expect(await page.locator('#provider-pending li').allTextContents()).toEqual(change);
    await a11y('provider form, editing');
    await press(form().getByRole('button', { name: P.save }), 'Enter');
    const saved = page.locator('#provider-saved');
    await saved.getByText(fill(P.saved, { name: renamed })).waitFor();
    expect(await saved.locator('li').allTextContents()).toEqual(change);
    expect(await stored()).toMatchObject({ name: renamed, jit_provisioning: true, client_secret_set: true });
  });

  it('a refusal of the appliance is said in the form and nothing typed is lost', async () => {
    await setSecurity(app, await adminToken(app), { sso_required_for_non_admins: true });
    try {
      await press(page.getByRole('button', { name: fill(P.editNamed, { name: renamed }) }), 'Enter');
      await form().waitFor();
      await typeInto(field('display_name_claim'), 'given_name');
      await press(form().getByLabel(P.fields.enabled), 'Space');
      await press(form().getByRole('button', { name: P.save }), 'Enter');
      const error = page.locator('#provider-form-error');
      await error.waitFor();
      expect(await error.getAttribute('role')).toBe('alert');
      expect(await error.textContent()).toContain(S.refused.last_enabled_identity_provider);
      expect(await field('display_name_claim').inputValue()).toBe('given_name');
      expect(await form().getByLabel(P.fields.enabled).isChecked()).toBe(false);
      await a11y('provider form, refused');
      expect(await stored()).toMatchObject({ enabled: true, display_name_claim: 'name' });
      await press(form().getByRole('button', { name: P.cancel }), 'Enter');
      await page.getByRole('button', { name: P.add }).waitFor();
    } finally {
      await setSecurity(app, await adminToken(app), { sso_required_for_non_admins: false });
    }
  });

  it('a person then signs in through the provider as edited, and the audit log never holds the secret', async () => {
    const context = await browser.newContext();
    try {
      const person = idp.addUser({ sub: `form-${lang}`, username: `form_sso_${lang}`, password: 'idp-pass' });
      const visitor = await context.newPage();
      await visitor.goto(`${app.url}/console/`);
      await visitor.locator('#login-form').waitFor();
      await chooseLanguage(visitor, lang);
      const button = visitor.getByRole('button', { name: fill(T.login.withProvider, { name: renamed }) });
      await button.focus();
      await visitor.keyboard.press('Enter');
      await visitor.getByRole('heading', { name: 'Test identity provider' }).waitFor();
      await visitor.getByLabel('Username').fill(person.username);
      await visitor.getByLabel('Password').fill(person.password);
      await visitor.keyboard.press('Enter');
      await visitor.getByRole('navigation', { name: T.nav.label }).waitFor();
    } finally {
      await context.close();
    }
    const admin = await adminToken(app);
    const users = (await call(app, 'GET', '/api/admin/users', { token: admin })).body.users;
    expect(users.map((u: { username: string }) => u.username)).toContain(`form_sso_${lang}`);

    const log = (await call(app, 'GET', '/api/admin/audit?kind=identity_provider.', { token: admin })).body.entries;
    const mine = log.filter((e: { target: string }) => e.target === `identity_provider:${providerId}`);
    expect(mine.map((e: { kind: string }) => e.kind)).toEqual([
      'identity_provider.updated',
      'identity_provider.created',
    ]);
    expect(mine[1].changes.client_secret).toEqual({ old: null, new: '[redacted]' });
    expect(mine[0].changes).toEqual({
      name: { old: first, new: renamed },
      jit_provisioning: { old: false, new: true },
    });
    expect(JSON.stringify(log)).not.toContain(idp.clientSecret);
    expect(pageErrors).toEqual([]);
  });
});
