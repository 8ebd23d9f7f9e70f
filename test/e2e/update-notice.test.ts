/**
 * The software update's notice in Debian's Chromium: the built renderer served by the real
 * appliance, with a stand-in desktop bridge (`window.consoleApi` answering the site from the
 * appliance and "not signed in" otherwise, `window.consoleUpdates` recording each control)
 * injected before the page loads. The test replays, on the bridge's event channel, the
 * `update.status` events main really sent in test/main/update-window.test.ts (committed recordings,
 * see test/support/update-status-recording.ts): a download step by step to ready and Restart now;
 * and in German, network failures with their retries ending in 1.1gws. The notice's code is loaded
 * only once there is an update to show.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type Page } from 'playwright-core';
import { type TestAppliance } from '../support/appliance.js';
import { type ConsoleEvent } from '../../src-shared/desktop-events.js';
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';
import { type UpdateStatus } from '../../src-shared/software-update.js';
import { launchChromium, screenshot, seriousA11yViolations, startApplianceWithConsole } from './support/browser.js';
import { readRecording } from '../support/update-status-recording.js';

let browser: Browser;
let app: TestAppliance;

beforeAll(async () => {
  browser = await launchChromium();
  app = await startApplianceWithConsole(inject('rendererDir'));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

interface StandIn {
  calls: string[];
  emit(event: ConsoleEvent): void;
}

/** A page of the desktop console: the stand-in bridge is in place before any of its scripts run. */
async function desktopPage(language: 'en' | 'de'): Promise<{ page: Page; requested: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await context.addInitScript((lang: string) => {
    localStorage.setItem('console.language', lang);
    const listeners = new Set<(e: unknown) => void>();
    const calls: string[] = [];
    let status: unknown = { phase: 'idle' };
    const ok = (value: unknown) => ({ ok: true, value });
    const standIn = {
      calls,
      emit(event: { type: string; data: unknown }) {
        if (event.type === 'update.status') status = event.data;
        listeners.forEach((l) => l(event));
      },
    };
    const w = window as unknown as Record<string, unknown>;
    w.__standIn = standIn;
    w.consoleApi = new Proxy(
      {},
      {
        get(_target, method) {
          if (method === 'onEvent')
            return (listener: (e: unknown) => void) => {
              listeners.add(listener);
              return () => listeners.delete(listener);
            };
          if (typeof method !== 'string' || method === 'then') return undefined;
          return async () => {
            calls.push(method);
            if (method === 'getSite') return ok(await (await fetch('/api/site')).json());
            return {
              ok: false,
              error: { status: 401, code: 'unauthenticated', message: 'Not signed in.', details: {} },
            };
          };
        },
      },
    );
    const control = (name: string) => async () => {
      calls.push(name);
      return ok(null);
    };
    w.consoleUpdates = {
      status: async () => ok(status),
      restartNow: control('restartNow'),
      later: control('later'),
      retryNow: control('retryNow'),
      openDownloadPage: control('openDownloadPage'),
    };
  }, language);
  await page.goto(`${app.url}/console/`);
  await page.locator('form').first().waitFor();
  return { page, requested };
}

const emit = (page: Page, status: UpdateStatus) =>
  page.evaluate(
    (data) => (window as unknown as { __standIn: StandIn }).__standIn.emit({ type: 'update.status', data }),
    status,
  );
const calls = (page: Page) => page.evaluate(() => (window as unknown as { __standIn: StandIn }).__standIn.calls);
/** What the notice shows for the recording's first step at or past half the download. */
const HALFWAY_TEXT = '51% · 1.5 MB of 3 MB · 627 kB/s · 3 seconds left';
const HALFWAY_BYTES = '1.5 MB of 3 MB';
const updateChunk = (requested: string[]) => requested.filter((u) => /UpdateNotice[^/]*\.js$/.test(u));

describe('update notice in Chromium', () => {
  it('follows a download step by step to ready; Restart now calls main', async () => {
    const { page, requested } = await desktopPage('en');
    expect(await calls(page)).toContain('getSite');
    expect(updateChunk(requested)).toHaveLength(0);

    const recording = readRecording('download-to-ready', app.url);
    const bar = page.getByRole('progressbar', { name: 'Download of version 1.1.0' });
    const steps = recording.filter((s) => s.phase === 'downloading');
    const halfway = steps.findIndex((s) => s.progress.percent! >= 50);
    for (const [i, step] of steps.entries()) {
      await emit(page, step);
      const percent = String(Math.round(step.progress.percent!));
      await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(percent);
      if (i === halfway) {
        expect(await bar.getAttribute('aria-valuetext')).toBe(HALFWAY_TEXT);
        await expect.poll(() => page.getByText(HALFWAY_BYTES, { exact: false }).count()).toBe(1);
        expect(await page.getByRole('status').filter({ hasText: 'Downloading version 1.1.0' }).count()).toBe(1);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await screenshot(page, 'update-downloading-en');
      }
    }
    expect(updateChunk(requested)).toHaveLength(1);

    await emit(page, recording.at(-1)!);
    const restart = page.getByRole('button', { name: 'Restart now' });
    await restart.waitFor();
    expect(await page.getByRole('button', { name: 'Later' }).isVisible()).toBe(true);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.getByText('Version 1.1.0 of the console is ready to install.').isVisible()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'update-ready-en');

    // By keyboard: a real button, reached with focus and answered to Enter.
    await restart.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Restart now');
    await page.keyboard.press('Enter');
    await expect.poll(() => calls(page)).toContain('restartNow');
    await page.context().close();
  });

  it('in German: the network retries as main announced them, then 1.1gws with the download page', async () => {
    const { page } = await desktopPage('de');
    const [scheduled, running, ...rest] = readRecording('network-retries-to-1.1gws', app.url);
    const gws = rest.at(-1)!;
    expect([scheduled, running, gws].map((s) => s!.phase === 'failed' && [s!.kind, s!.retry.state])).toEqual([
      ['network', 'scheduled'],
      ['network', 'running'],
      ['1.1gws', 'none'],
    ]);
    const retry = page.getByRole('button', { name: 'Jetzt erneut versuchen' });
    await emit(page, scheduled!);
    await page.getByText(/Die Konsole versucht es um \d{2}:\d{2} erneut\./).waitFor();
    expect(await retry.isDisabled()).toBe(false);
    await emit(page, running!);
    await page.getByText('Neuer Versuch läuft …').waitFor();
    expect(await retry.isDisabled()).toBe(true);

    for (const status of rest) await emit(page, status);
    const alert = page.getByRole('alert').filter({ hasText: '1.1gws' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(UPDATE_FAILURE_MESSAGE.de);
    expect(await page.getByText('Neuer Versuch läuft …').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'update-failed-1.1gws-de');

    await page.getByRole('button', { name: 'Downloadseite öffnen' }).click();
    await page.getByRole('button', { name: 'Jetzt erneut versuchen' }).click();
    await expect.poll(() => calls(page)).toEqual(expect.arrayContaining(['openDownloadPage', 'retryNow']));
    await page.getByRole('button', { name: 'Schließen' }).click();
    expect(await alert.count()).toBe(0);
    await page.context().close();
  });
});
