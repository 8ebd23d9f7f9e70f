/**
 * Management > Console software in real Chromium against the real appliance, in English and
 * German, by keyboard only: an admin publishes a signed build (the upload throttled so the progress
 * bar shows), which the update feed then serves; replaces an installer; revokes a console's update
 * token, which the feed then refuses; and reads each of the three in the audit log. Each screen is
 * checked with axe-core and photographed to test-output/e2e/.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { load as loadYaml } from 'js-yaml';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ADMIN, type TestAppliance } from '../support/appliance.js';
import { adminToken, createUser, tokenFor } from '../support/api-client.js';
import { makeBuild, requestUpdateToken } from '../support/console-updates.js';
import { signBuild } from '../support/release-key.js';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { enAdmin } from '../../src-renderer/i18n/en-admin.js';
import { deAdmin } from '../../src-renderer/i18n/de-admin.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { press } from './support/keyboard.js';
import { signInWithPassword } from './support/sign-in.js';

const BUILD_BYTES = 6 * 1024 * 1024;
/** Bytes per second the page may send while publishing: the 6 MiB build takes a few seconds. */
const UPLOAD_THROUGHPUT = 1.5 * 1024 * 1024;

let browser: Browser;
let rendererDir: string;
beforeAll(async () => {
  rendererDir = inject('rendererDir');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k]!);

describe.each([
  ['en', { ...en, ...enAdmin }, '4.1.0'],
  ['de', { ...de, ...deAdmin }, '4.2.0'],
] as const)('Console software in %s', (lang, T, version) => {
  let app: TestAppliance;
  let context: BrowserContext;
  let page: Page;
  let updateToken: string;
  const installId = `install-e2e-${lang}`;
  const pageErrors: string[] = [];

  const a11y = async (where: string) => {
    const v = await seriousA11yViolations(page);
    expect(v, `${where}: ${JSON.stringify(v, null, 1)}`).toEqual([]);
  };
  const type = async (target: Locator, text: string) => {
    await target.focus();
    await page.keyboard.type(text);
  };
  /** A file picked as a keyboard user picks it: Space on the control opens the chooser. */
  const pickFile = async (target: Locator, file: string) => {
    const chooser = page.waitForEvent('filechooser');
    await press(target, 'Space');
    await (await chooser).setFiles(file);
  };
  /** Moves a select with the arrow keys until it holds `value`. */
  const choose = async (select: Locator, value: string) => {
    await select.focus();
    for (let i = 0; i < 30 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
    expect(await select.inputValue()).toBe(value);
  };
  const feed = (token: string) =>
    fetch(`${app.url}/api/console/updates/win/latest.yml`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await startApplianceWithConsole(rendererDir);
    const admin = await adminToken(app);
    const tech = await createUser(app, admin, { username: `tech_${lang}` });
    const session = await tokenFor(app, tech.username, tech.password, { install_id: installId });
    updateToken = ((await (await requestUpdateToken(app, session, installId)).json()) as { update_token: string })
      .update_token;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInWithPassword(page, app.url, ADMIN, lang);
  });
  afterAll(async () => {
    await context?.close();
    await app?.close();
  });

  it('opens Console software from the Management navigation', async () => {
    const nav = page.getByRole('navigation', { name: T.nav.management.title });
    await press(nav.getByRole('link', { name: T.nav.management.software }));
    await page.getByRole('heading', { level: 2, name: T.nav.management.software }).waitFor();
    await page.getByText(T.software.noReleases).waitFor();
    await page.getByRole('button', { name: fill(T.software.revokeLabel, { install: installId }) }).waitFor();
    await a11y('console software');
    await screenshot(page, `${lang}-console-software`);
  });

  it('publishes a signed build with the progress bar; the update feed serves it', async () => {
    const build = makeBuild(`Support Console Setup ${version}.exe`, BUILD_BYTES);
    const sig = path.join(path.dirname(build.file), `${path.basename(build.file)}.sig`);
    (await import('node:fs')).writeFileSync(sig, `${await signBuild(build.file, version)}\n`);

    const form = page.getByRole('form', { name: T.software.publishTitle });
    await type(form.getByLabel(T.software.version), version);
    await pickFile(form.getByLabel(T.software.build), build.file);
    await pickFile(form.getByLabel(T.software.signatureFile), sig);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: UPLOAD_THROUGHPUT,
    });
    await press(form.getByRole('button', { name: T.software.publish }));

    const bar = page.getByRole('progressbar', {
      name: fill(T.software.uploading, { name: path.basename(build.file) }),
    });
    await bar.waitFor();
    await expect
      .poll(async () => Number((await bar.getAttribute('aria-valuenow')) ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await a11y('publishing');
    await screenshot(page, `${lang}-console-software-publishing`);

    const platform = T.software.platforms.win;
    await page.getByText(fill(T.software.published_ok, { version, platform })).waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.locator(`tr[data-release="win/${version}"]`).waitFor();
    await page.getByText(fill(T.software.siteHashChanged, { version })).waitFor();
    await a11y('published');
    await screenshot(page, `${lang}-console-software-published`);

    const res = await feed(updateToken);
    expect(res.status).toBe(200);
    expect(loadYaml(await res.text())).toMatchObject({ version, sha512: build.sha512 });
  });

  it('replaces the elevation service installer', async () => {
    const msi = makeBuild(`ElevationService-${lang}-x64.msi`, 300_000);
    const form = page.getByRole('form', { name: T.software.replaceTitle });
    await choose(form.getByLabel(T.software.replaceWhich), 'elevation-service-x64');
    await pickFile(form.getByLabel(T.software.replaceFile, { exact: true }), msi.file);
    await press(form.getByRole('button', { name: T.software.replace }));
    await page
      .getByText(fill(T.software.replaced_ok, { name: `${T.software.kinds.elevation_service} · x64` }))
      .waitFor();
    await page.locator('tr[data-download="elevation-service-x64"]').getByText(path.basename(msi.file)).waitFor();
    const served = await fetch(`${app.url}/api/downloads/elevation-service-x64`, {
      headers: { authorization: `Bearer ${await adminToken(app)}` },
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(msi.bytes)).toBe(true);
  });

  it("revokes the console's update token; the feed refuses it from then on", async () => {
    await press(page.getByRole('button', { name: fill(T.software.revokeLabel, { install: installId }) }));
    await page.getByText(fill(T.software.revoked_ok, { install: installId })).waitFor();
    const res = await feed(updateToken);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('update_token_invalid');
    await a11y('token revoked');
  });

  it('reads the publish, the installer and the revocation in the audit log', async () => {
    const nav = page.getByRole('navigation', { name: T.nav.management.title });
    await press(nav.getByRole('link', { name: T.nav.management.audit }));
    await page.getByRole('heading', { level: 2, name: T.nav.management.audit }).waitFor();
    const row = (kind: string) => page.locator(`tr[data-kind="${kind}"]`);
    await row('release.published').getByText(`Windows ${version}`).waitFor();
    await row('release.published').getByText(T.audit.kinds.release_published).waitFor();
    await row('download.replaced').getByText(T.audit.kinds.download_replaced).waitFor();
    await row('download.replaced').getByText(`ElevationService-${lang}-x64.msi`).waitFor();
    await row('update_token.revoked').getByText(new RegExp(installId)).waitFor();
    await a11y('audit log');
    await screenshot(page, `${lang}-console-software-audit`);
    expect(pageErrors).toEqual([]);
  });
});
