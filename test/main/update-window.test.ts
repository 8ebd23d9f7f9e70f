/**
 * The update as the console window sees it. The whole desktop console under Node (`runConsoleApp`
 * with the real session, IPC handlers, event forwarder and update service, `startUpdates` as the
 * app starts it) against the real appliance, with the real electron-updater and our resumable
 * executor: the executor's progress goes out as electron-updater's `download-progress`, main
 * turns it into `update.status` events on the window's event channel, the fake IPC carries them
 * to the preload bridge, and the renderer's own store (`applyConsoleEvent` → update-store) holds
 * what the window shows. The window's buttons go back the same way (`window.consoleUpdates`).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hostFromBridge } from '../../src-shared/console-bridge.js';
import { type UpdateStatus } from '../../src-shared/software-update.js';
import { runConsoleApp, type RunningConsole } from '../../src-main/app/console-app.js';
import { createConsoleBridge, createUpdatesBridge } from '../../src-main/ipc/console-bridge-preload.js';
import { type RestartPrompt, type UpdateNotice } from '../../src-main/updates/messages.js';
import { startUpdates } from '../../src-main/updates/start-updates.js';
import { setHost } from '../../src-renderer/host/host.js';
import { applyConsoleEvent } from '../../src-renderer/stores/console-events.js';
import { useUpdateStore } from '../../src-renderer/stores/update-store.js';
import { ADMIN, startTestAppliance, tempDir, type TestAppliance } from '../support/appliance.js';
import { expectApiError } from '../support/expect-api-error.js';
import { publishSigned, TEST_RELEASE_KEY } from '../support/release-key.js';
import { expectLikeRecording } from '../support/update-status-recording.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';
import { CuttingProxy } from './support/cutting-proxy.js';
import { FakeSafeStorage } from './support/fake-safe-storage.js';
import { recordingInstaller, type RecordingInstaller } from './support/recording-installer.js';
import { createTestUpdater, startTestConsole, TestAppAdapter } from './support/updater-harness.js';

const SIZE = 3 * 1024 * 1024 + 321;
const CREDS = { username: ADMIN.username, password: ADMIN.password };

let app: TestAppliance;
let running: RunningConsole | null = null;
beforeEach(async () => {
  app = await startTestAppliance();
  useUpdateStore.setState(useUpdateStore.getInitialState(), true);
});
afterEach(async () => {
  running?.dispose();
  running = null;
  await app.close();
  cleanupHarnesses();
});

/** A desktop console on this appliance, its window's renderer store following main's events. */
async function desktop(opts: { silent?: boolean; home?: string; encryptor?: FakeSafeStorage; siteUrl?: string } = {}) {
  const root = tempDir('update-window-');
  const adapter = new TestAppAdapter('1.0.0', root);
  const dialogs = { notices: [] as UpdateNotice[], prompts: [] as RestartPrompt[] };
  const opened: string[] = [];
  const retries: { ms: number; run(): void }[] = [];
  let clock = 0;
  const h = harness({
    argv: ['/opt/Support Console/support-console', ...(opts.silent ? ['--silent'] : [])],
    home: opts.home,
    encryptor: opts.encryptor,
    ini: { SITEURL: opts.siteUrl ?? app.url, SHOULDAUTOUPDATE: '1', RELEASEKEY: TEST_RELEASE_KEY.publicKey },
    // The first-run question whether to bind the install's site.
    confirm: true,
    startUpdates: (ctx) =>
      startUpdates(ctx, {
        platform: 'win',
        createUpdater: () => createTestUpdater(adapter, []),
        partialDir: path.join(root, 'partial'),
        async showNotice(notice) {
          dialogs.notices.push(notice);
          return 'close';
        },
        async askRestart(prompt) {
          dialogs.prompts.push(prompt);
          return false;
        },
        async openExternal(url) {
          opened.push(url);
        },
        tuning: {
          retryDelaysMs: [10, 20],
          schedule(fn, ms) {
            retries.push({ ms, run: fn });
            return () => undefined;
          },
          // A clock that moves 100 ms whenever it is read: the executor's progress meter reports
          // every few chunks, with a speed that is not zero.
          now: () => (clock += 100),
        },
      }),
  });
  running = await runConsoleApp(h.deps);
  // The renderer's side: the preload's bridges over the fake IPC, the host made from them, and
  // the events routed to the stores exactly as App does.
  const host = hostFromBridge(createConsoleBridge(h.pair.ipcRenderer), createUpdatesBridge(h.pair.ipcRenderer));
  setHost(host);
  const seen: UpdateStatus[] = [];
  host.onEvent(applyConsoleEvent);
  const off = useUpdateStore.subscribe((s, prev) => {
    if (s.status !== prev.status) seen.push(s.status);
  });
  return { h, adapter, host, dialogs, opened, retries, seen, off, now: () => clock };
}

async function signedInWithUpdate(d: Awaited<ReturnType<typeof desktop>>): Promise<RecordingInstaller> {
  await d.host.login(CREDS);
  await expect.poll(() => running!.events.connected).toBe(true);
  const installer = recordingInstaller('Console Setup 1.1.0.exe', tempDir('installer-'), SIZE);
  await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });
  return installer;
}

const phases = (seen: UpdateStatus[]) => seen.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]);
const downloading = (seen: UpdateStatus[]) =>
  seen.filter((s): s is Extract<UpdateStatus, { phase: 'downloading' }> => s.phase === 'downloading');

describe('progress in the window', () => {
  it("the executor's progress reaches the renderer's store: percent, bytes, speed and time left, then Restart now / Later", async () => {
    const d = await desktop();
    const installer = await signedInWithUpdate(d);
    await expect.poll(() => useUpdateStore.getState().status.phase, { timeout: 30_000 }).toBe('ready');

    expect(phases(d.seen)).toEqual(['downloading', 'ready']);
    const steps = downloading(d.seen).map((s) => s.progress);
    expect(steps.length).toBeGreaterThan(5);
    expect(steps[0]).toEqual({ transferred: 0, total: SIZE, percent: 0, bytes_per_second: 0, seconds_left: null });
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.transferred).toBeGreaterThan(steps[i - 1]!.transferred);
    const last = steps.at(-1)!;
    expect(last).toMatchObject({ transferred: SIZE, total: SIZE, percent: 100, seconds_left: 0 });
    for (const p of steps.slice(1, -1)) {
      expect(p.total).toBe(SIZE);
      expect(p.percent).toBeCloseTo((p.transferred / SIZE) * 100, 6);
      expect(p.bytes_per_second).toBeGreaterThan(0);
      expect(p.seconds_left).toBe(Math.ceil((SIZE - p.transferred) / p.bytes_per_second));
    }
    expect(downloading(d.seen).every((s) => s.version === '1.1.0' && !s.forced)).toBe(true);
    expectLikeRecording('download-to-ready', d.seen, app.url);

    // The question is the window's: no dialog, nothing installed until the technician answers.
    expect(useUpdateStore.getState().status).toEqual({ phase: 'ready', version: '1.1.0', choice: 'pending' });
    expect(d.dialogs.prompts).toEqual([]);
    expect(installer.args()).toBeNull();
    await useUpdateStore.getState().act('restartNow');
    await expect.poll(installer.args, { timeout: 15_000 }).toEqual(['--updated', '/S', '--force-run']);
    expect(useUpdateStore.getState().status).toEqual({ phase: 'installing', version: '1.1.0', forced: false });
    // electron-updater quits the app for the installer once the installer is spawned, not before.
    await expect.poll(() => d.adapter.quits).toBe(1);
  });

  it('Later: the window says it installs at quit; quitting installs it without starting the console again', async () => {
    const d = await desktop();
    const installer = await signedInWithUpdate(d);
    await expect.poll(() => useUpdateStore.getState().status.phase, { timeout: 30_000 }).toBe('ready');
    await useUpdateStore.getState().act('later');
    expect(useUpdateStore.getState().status).toEqual({ phase: 'ready', version: '1.1.0', choice: 'later' });
    expect(installer.args()).toBeNull();
    expect(d.adapter.quits).toBe(0);
    expect(d.adapter.quitHandlers).toHaveLength(1);
    d.adapter.quitHandlers[0]!(0);
    await expect.poll(installer.args, { timeout: 15_000 }).toEqual(['--updated', '/S']);
  });

  it('Restart now still works after Later; asked with nothing waiting, main says update_not_ready', async () => {
    const d = await desktop();
    await expectApiError(d.host.updates!.restartNow(), 'update_not_ready', 409);
    await expectApiError(d.host.updates!.later(), 'update_not_ready', 409);
    const installer = await signedInWithUpdate(d);
    await expect.poll(() => useUpdateStore.getState().status.phase, { timeout: 30_000 }).toBe('ready');
    await useUpdateStore.getState().act('later');
    await useUpdateStore.getState().act('restartNow');
    await expect.poll(installer.args, { timeout: 15_000 }).toEqual(['--updated', '/S', '--force-run']);
    expect(useUpdateStore.getState().error).toBeNull();
  });

  it('a window that opens later asks main for the status and shows it', async () => {
    const d = await desktop();
    await signedInWithUpdate(d);
    await expect.poll(() => useUpdateStore.getState().status.phase, { timeout: 30_000 }).toBe('ready');
    useUpdateStore.setState(useUpdateStore.getInitialState(), true);
    await useUpdateStore.getState().load();
    expect(useUpdateStore.getState().status).toEqual({ phase: 'ready', version: '1.1.0', choice: 'pending' });
  });
});

describe('a forced update', () => {
  it('426 at sign-in: the window says the site requires it, and it installs at once without a question', async () => {
    const d = await desktop();
    await d.host.login(CREDS); // the update token is issued here
    await d.host.logout();
    const installer = recordingInstaller('Console Setup 1.1.0.exe', tempDir('installer-'), SIZE);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });

    await expectApiError(d.host.login(CREDS), 'console_update_required', 426);
    await expect.poll(installer.args, { timeout: 30_000 }).toEqual(['--updated', '/S', '--force-run']);
    expect(phases(d.seen)).toEqual(['downloading', 'installing']);
    expect(downloading(d.seen).every((s) => s.forced && s.version === '1.1.0')).toBe(true);
    expect(useUpdateStore.getState().status).toEqual({ phase: 'installing', version: '1.1.0', forced: true });
    expect(d.dialogs.prompts).toEqual([]);
  });
});

describe('failures in the window', () => {
  it('1.1gws is the window banner with the download page, not a dialog; the button opens the site page', async () => {
    const d = await desktop();
    const installer = recordingInstaller('Console Setup 1.1.0.exe');
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });
    // A fresh install: it never signed in before the site was updated, so it has no update token.
    await expectApiError(d.host.login(CREDS), 'console_update_required', 426);
    const failed: UpdateStatus = {
      phase: 'failed',
      kind: '1.1gws',
      download_url: `${app.url}/console/#/downloads`,
      retry: { state: 'none' },
    };
    await expect.poll(() => useUpdateStore.getState().status).toEqual(failed);
    expect(d.dialogs.notices).toEqual([]);
    await useUpdateStore.getState().act('openDownloadPage');
    expect(d.opened).toEqual([`${app.url}/console/#/downloads`]);
  });

  it('network: the banner shows when the retry is due, that it is retrying, and 1.1gws once the retries are used up', async () => {
    const proxy = new CuttingProxy(Number(new URL(app.url).port));
    const d = await desktop({ siteUrl: await proxy.start() });
    await d.host.login(CREDS);
    proxy.refuse = true; // the network is down: every connection is dropped

    expect(useUpdateStore.getState().status).toEqual({ phase: 'idle' }); // no token at start is not a failure
    await useUpdateStore.getState().act('retryNow'); // the banner's "Try again"
    await expect.poll(() => useUpdateStore.getState().status.phase).toBe('failed');
    const first = useUpdateStore.getState().status as Extract<UpdateStatus, { phase: 'failed' }>;
    expect(first.kind).toBe('network');
    expect(first.retry.state).toBe('scheduled');
    const at = Date.parse((first.retry as { at: string }).at);
    expect(at).toBeGreaterThan(d.now());
    expect(at).toBeLessThanOrEqual(d.now() + 10);
    expect(d.retries.map((r) => r.ms)).toEqual([10]);

    const untilFirstRetry = [...d.seen];
    d.seen.length = 0;
    d.retries[0]!.run();
    await expect.poll(() => d.retries.length).toBe(2);
    expect(d.seen[0]).toMatchObject({ phase: 'failed', kind: 'network', retry: { state: 'running' } });
    expect(useUpdateStore.getState().status).toMatchObject({ kind: 'network', retry: { state: 'scheduled' } });

    d.retries[1]!.run();
    await expect
      .poll(() => useUpdateStore.getState().status)
      .toMatchObject({ phase: 'failed', kind: '1.1gws', retry: { state: 'none' } });
    expect(d.dialogs.notices).toEqual([]);
    expectLikeRecording('network-retries-to-1.1gws', [...untilFirstRetry, ...d.seen], proxy.url);
    running!.dispose();
    await proxy.close();
  });
});

describe('without a window', () => {
  it('a failure is a dialog only while no window exists; once one does, the window shows it instead', async () => {
    let windowOpen = false;
    const c = await startTestConsole({ siteUrl: app.url, window: () => windowOpen });
    const installer = recordingInstaller('Console Setup 1.1.0.exe');
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });
    const refused = await expectApiError(c.session.api().login(CREDS), 'console_update_required', 426);

    await c.updates.handleLoginError(refused);
    expect(c.notices.map((n) => n.kind)).toEqual(['1.1gws']);
    expect(c.opened).toEqual([`${app.url}/console/#/downloads`]); // the dialog's download button
    // Kept for a window that opens afterwards.
    expect(await c.updates.controls.status()).toMatchObject({ phase: 'failed', kind: '1.1gws' });

    windowOpen = true;
    await c.updates.handleLoginError(refused);
    expect(c.notices).toHaveLength(1);
    expect(c.statuses.at(-1)).toMatchObject({ phase: 'failed', kind: '1.1gws', retry: { state: 'none' } });
  });
});

describe('silent runs', () => {
  it('show nothing: no window, no event, no dialog; the update installs and the run exits with 10', async () => {
    const encryptor = new FakeSafeStorage(); // the same machine's keychain for both runs
    const first = await desktop({ encryptor });
    await first.host.login(CREDS); // an earlier interactive run got the update token
    running!.dispose();
    running = null;
    const installer = recordingInstaller('Console Setup 1.1.0.exe', tempDir('installer-'), SIZE);
    await publishSigned(app.ctx, { version: '1.1.0', platform: 'win', file: installer.file });

    const d = await desktop({ silent: true, home: first.h.home, encryptor });
    await expect.poll(installer.args, { timeout: 30_000 }).toEqual(['--updated', '/S']);
    expect(d.h.exits).toEqual([10]);
    expect(d.h.uiCalls).toEqual([]);
    expect(d.seen).toEqual([]);
    expect(d.dialogs).toEqual({ notices: [], prompts: [] });
  });
});
