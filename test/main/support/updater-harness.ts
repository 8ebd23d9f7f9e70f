/**
 * A desktop console under Node for the update tests: the real ConsoleSession and file SecretStore
 * (safeStorage faked: the Electron boundary), the real electron-updater (NsisUpdater, as on
 * Windows) with an AppAdapter instead of Electron's `app` (as electron-builder's own updater tests
 * do), and a recording UI in place of the dialog and shell.openExternal. It pins the test release
 * key unless told otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { type AppUpdater } from 'electron-updater';
import { createDownloadSaver } from '../../../src-main/downloads/download-saver.js';
import { createConsoleSession, type ConsoleSession } from '../../../src-main/session/console-session.js';
import { createFileSecretStore, type SecretStore } from '../../../src-main/storage/secret-store.js';
import { initialize, type UpdateUi, type Updates, type UpdatesDeps } from '../../../src-main/updates/updates.js';
import { createPlatformUpdater } from '../../../src-main/updates/platform-updater.js';
import { type RestartPrompt, type UpdateNotice } from '../../../src-main/updates/messages.js';
import { type UpdateStatus } from '../../../src-shared/software-update.js';
import { TEST_RELEASE_KEY } from '../../support/release-key.js';
import { installElectronModuleStub } from './electron-module-stub.js';
import { FakeSafeStorage, recordingLog } from './fake-safe-storage.js';

installElectronModuleStub();

/** electron-updater's view of the app, without Electron. */
export class TestAppAdapter implements AppAdapter {
  readonly name = 'support-console';
  readonly isPackaged = true;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  quits = 0;
  constructor(
    readonly version: string,
    root: string,
  ) {
    this.userDataPath = path.join(root, 'userData');
    this.baseCachePath = path.join(root, 'cache');
    this.appUpdateConfigPath = path.join(root, 'resources', 'app-update.yml');
    fs.mkdirSync(path.dirname(this.appUpdateConfigPath), { recursive: true });
    fs.mkdirSync(this.userDataPath, { recursive: true });
    // What electron-builder writes next to a packaged app (the feed itself is set in code).
    fs.writeFileSync(
      this.appUpdateConfigPath,
      'provider: generic\nurl: http://127.0.0.1/\nupdaterCacheDirName: support-console-updater\n',
    );
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {
    this.quits++;
  }
  /** electron-updater's "install at quit" handlers (registered only for a verified download). */
  quitHandlers: ((exitCode: number) => void)[] = [];
  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }
}

/**
 * The Windows updater (NsisUpdater) on this Linux machine, as electron-builder's own tests run it;
 * what reaches `update-downloaded` (verified) is recorded in `ready`.
 */
export function createTestUpdater(adapter: TestAppAdapter, ready: { version: string; file: string }[]): AppUpdater {
  const u = createPlatformUpdater('win', adapter);
  (u as unknown as { _testOnlyOptions: unknown })._testOnlyOptions = {
    platform: 'win32',
    isUseDifferentialDownload: false,
  };
  u.on('update-downloaded', (event: { version: string; downloadedFile: string }) => {
    ready.push({ version: event.version, file: event.downloadedFile });
    // Windows runs an .exe as it is; on this machine the installer (a script) needs the x bit.
    fs.chmodSync(event.downloadedFile, 0o700);
  });
  return u;
}

export interface TestConsole {
  root: string;
  adapter: TestAppAdapter;
  secrets: SecretStore;
  session: ConsoleSession;
  updates: Updates;
  notices: UpdateNotice[];
  opened: string[];
  /** electron-updater's `update-downloaded` events: what reached it, verified. */
  ready: { version: string; file: string }[];
  /** The "Restart now / Later" questions asked in a dialog. */
  prompts: RestartPrompt[];
  /** Every status sent to the window (`update.status`). */
  statuses: UpdateStatus[];
  exitCodes: number[];
  log: ReturnType<typeof recordingLog>;
  updatersCreated: number;
  /** Scheduled retries (run them by hand). */
  retries: { ms: number; run(): void }[];
}

export interface ConsoleOptions {
  siteUrl: string;
  version?: string;
  autoUpdate?: boolean;
  silent?: boolean;
  language?: 'de' | 'en';
  partialDir?: string;
  root?: string;
  /** The release keys the console pins (default: the test release key). */
  releaseKeys?: string[];
  /** The technician's answer to the "Restart now / Later" dialog (default Later). */
  restart?: boolean;
  /** Whether a console window exists (default none: dialogs), or a function saying so. */
  window?: boolean | (() => boolean);
  /** Where `update.status` goes besides `statuses` (e.g. the fake IPC to the window). */
  onStatus?: (status: UpdateStatus) => void;
  /** The progress meter's clock and interval. */
  now?: () => number;
  progressIntervalMs?: number;
  retryDelaysMs?: number[];
  /** The system browser, for a sign-in through it: gets what `shell.openExternal` would open. */
  openExternal?: (url: string) => Promise<void>;
}

export async function startTestConsole(o: ConsoleOptions): Promise<TestConsole> {
  const root = o.root ?? fs.mkdtempSync(path.join(os.tmpdir(), 'console-'));
  const version = o.version ?? '1.0.0';
  const adapter = new TestAppAdapter(version, root);
  const log = recordingLog();
  const secrets = createFileSecretStore({
    userDataDir: adapter.userDataPath,
    encryptor: new FakeSafeStorage(),
    platform: 'linux',
    log,
  });
  const saveFile = createDownloadSaver({ fetch: globalThis.fetch, downloadsDir: () => path.join(root, 'Downloads') });
  const session = createConsoleSession({
    siteUrl: () => o.siteUrl,
    secrets,
    fetch: globalThis.fetch,
    appVersion: version,
    saveFile,
    openExternal: async (url) => {
      if (!o.openExternal) throw new Error(`no browser in this harness (${url})`);
      await o.openExternal(url);
    },
    focusWindow: () => undefined,
    log,
  });
  await session.initialize();
  const tc = {
    root,
    adapter,
    secrets,
    session,
    notices: [],
    opened: [],
    ready: [],
    prompts: [],
    statuses: [],
    exitCodes: [],
    log,
    updatersCreated: 0,
    retries: [],
  } as unknown as TestConsole;
  const hasWindow = typeof o.window === 'function' ? o.window : () => o.window === true;
  const ui: UpdateUi = {
    hasWindow,
    showStatus(status) {
      tc.statuses.push(status);
      o.onStatus?.(status);
    },
    async showNotice(notice) {
      tc.notices.push(notice);
      return 'download';
    },
    async openExternal(url) {
      tc.opened.push(url);
    },
    async askRestart(prompt) {
      tc.prompts.push(prompt);
      return o.restart ?? false;
    },
  };
  const deps: UpdatesDeps = {
    siteUrl: o.siteUrl,
    platform: 'win',
    installOptions: { autoUpdate: o.autoUpdate ?? true, silent: o.silent ?? false },
    releaseKeys: o.releaseKeys ?? [TEST_RELEASE_KEY.publicKey],
    secrets,
    session,
    fetch: globalThis.fetch,
    createUpdater(): AppUpdater {
      tc.updatersCreated++;
      return createTestUpdater(adapter, tc.ready);
    },
    partialDir: o.partialDir ?? path.join(root, 'cache', 'partial'),
    language: () => o.language ?? 'en',
    ui,
    log,
    setExitCode: (code) => tc.exitCodes.push(code),
    retryDelaysMs: o.retryDelaysMs ?? [10, 20],
    now: o.now,
    progressIntervalMs: o.progressIntervalMs,
    schedule(fn, ms) {
      tc.retries.push({ ms, run: fn });
      return () => {};
    },
  };
  tc.updates = initialize(deps);
  return tc;
}
