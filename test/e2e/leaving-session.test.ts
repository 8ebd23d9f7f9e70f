/**
 * One person's data never shows to the next who signs in on the same console: after A logs out,
 * nothing of A's is in memory (`leaveSession()`), so while B's sessions list is still on its way —
 * or fails — the Sessions section shows "loading" or the error, never A's rows. Real Chromium
 * against the real appliance; every session row ever put into the page is recorded by a
 * MutationObserver, so a row shown for one frame counts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { adminToken, createUser, tokenFor } from '../support/api-client.js';
import { en as T } from '../../src-renderer/i18n/en.js';
import { launchChromium, startApplianceWithConsole } from './support/browser.js';

const PASSWORD = 'Quartz-Lantern-Orbit-4711';
let browser: Browser;
let app: TestAppliance;

beforeAll(async () => {
  const dir = inject('rendererDir');
  browser = await launchChromium();
  app = await startApplianceWithConsole(dir);
  const admin = await adminToken(app);
  for (const username of ['alice_a', 'bruno_b']) await createUser(app, admin, { username, password: PASSWORD });
  // A has sessions besides the browser's own, so A's list has rows that could leak.
  await tokenFor(app, 'alice_a', PASSWORD);
  await tokenFor(app, 'alice_a', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel(T.login.username).fill(username);
  await page.getByLabel(T.login.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: T.login.submit }).click();
  await page.getByRole('navigation', { name: T.nav.label }).waitFor();
}

/** Records every `data-session-id` put into the page from now on (A's rows showing now are not counted). */
async function recordSessionRows(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seenSessionIds: string[] };
    w.seenSessionIds = [];
    const note = (root: ParentNode) =>
      root.querySelectorAll?.('[data-session-id]').forEach((el) => {
        w.seenSessionIds.push(el.getAttribute('data-session-id')!);
      });
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes) {
          if (n instanceof Element) {
            if (n.hasAttribute('data-session-id')) w.seenSessionIds.push(n.getAttribute('data-session-id')!);
            note(n);
          }
        }
    }).observe(document, { childList: true, subtree: true });
  });
}
const seenSessionIds = (page: Page) =>
  page.evaluate(() => (window as unknown as { seenSessionIds: string[] }).seenSessionIds);

async function aliceSessionIdsThenLogout(page: Page): Promise<string[]> {
  await login(page, 'alice_a');
  await page.getByRole('link', { name: T.nav.sessions }).click();
  const rows = page.locator('[data-session-id]');
  await expect.poll(() => rows.count()).toBe(3);
  const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-session-id')!));
  await recordSessionRows(page);
  await page.getByRole('button', { name: T.account.logout }).click();
  await page.getByLabel(T.login.username).waitFor();
  return ids;
}

describe('leaving a session', () => {
  let context: BrowserContext;
  afterAll(async () => context?.close());

  it("B's sessions request is delayed: the section shows loading, never A's rows; then B's own", async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/console/`);
    await page.locator('#login-form').waitFor();
    const aliceIds = await aliceSessionIdsThenLogout(page);
    expect(aliceIds).toHaveLength(3);

    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held = 0;
    await page.route('**/api/account/sessions', async (route: Route) => {
      held++;
      await released;
      await route.continue();
    });
    await login(page, 'bruno_b');
    await page.getByRole('link', { name: T.nav.sessions }).click();
    await page.getByRole('status').filter({ hasText: T.app.loading }).waitFor();
    await expect.poll(() => held).toBeGreaterThan(0);
    expect(await page.locator('[data-session-id]').count()).toBe(0);
    release();
    await expect.poll(() => page.locator('[data-session-id]').count()).toBe(1);
    const seen = await seenSessionIds(page);
    expect(seen.length).toBeGreaterThan(0); // the recorder works: it saw B's row
    expect(seen.filter((id) => aliceIds.includes(id))).toEqual([]);
    await page.unroute('**/api/account/sessions');
  });

  it("B's sessions request fails: an error, never A's rows", async () => {
    await context?.close();
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/console/#/sessions`);
    await page.locator('#login-form').waitFor();
    const aliceIds = await aliceSessionIdsThenLogout(page);
    await page.route('**/api/account/sessions', (route: Route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal_error', message: 'down', details: {} } }),
      }),
    );
    await login(page, 'bruno_b');
    await page.getByRole('link', { name: T.nav.sessions }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('[data-session-id]').count()).toBe(0);
    expect((await seenSessionIds(page)).filter((id) => aliceIds.includes(id))).toEqual([]);
  });
});
