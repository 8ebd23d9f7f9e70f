/**
 * The desktop console's start-up, as one `initialize(deps)` unit: everything Electron-specific is
 * passed in (src-main/electron/main.ts does that), so the whole flow runs under Node in tests.
 *
 *   resolve install options → [silent: bind site, apply install mode, log the outcome, exit]
 *   → single-instance lock → secrets, session, site → install mode → IPC handlers → window
 *   → live events → updater (when the install options allow it).
 *
 * Silent mode (`--silent`) never calls `ui`: no window, dialog or error box. Its outcome is in the
 * log file and the exit code: 0 applied, 2 applied with install-configuration problems (each
 * logged with its outcome), 1 failed.
 */
import path from 'node:path';
import { type LiveEvent } from '../../src-shared/api/events.js';
import { type ConsoleEvent, type DesktopEvent } from '../../src-shared/desktop-events.js';
import { type UpdateControls } from '../../src-shared/software-update.js';
import { type ConsoleApiMethod } from '../../src-shared/console-api.js';
import { type ApiError } from '../../src-shared/errors.js';
import { resolveInstallOptions, type InstallOptions } from '../../src-shared/install-options.js';
import { EventForwarder } from '../events/event-forwarder.js';
import { applyInstallMode, type SetLoginItemSettings } from '../install/install-mode.js';
import { openSiteBinding, type SiteBinding } from '../install/site-binding.js';
import { siteChangePrompt, type ConfirmPrompt } from '../install/site-change-prompt.js';
import { registerConsoleIpc, type IpcMainLike } from '../ipc/console-ipc.js';
import { registerSiteIpc } from '../ipc/site-ipc.js';
import { registerUpdateIpc } from '../ipc/update-ipc.js';
import { registerUploadIpc } from '../ipc/upload-ipc.js';
import { createDesktopUploads } from '../uploads/desktop-uploads.js';
import { createUploadSender } from '../uploads/upload-sender.js';
import { isTrustedSender, type AppLocations } from '../security/sender-policy.js';
import { createConsoleSession, type ConsoleSession } from '../session/console-session.js';
import { createDownloadSaver } from '../downloads/download-saver.js';
import { createFileSecretStore, type AsyncEncryptor, type SecretStore } from '../storage/secret-store.js';
import { createFileLog, type ConsoleLog } from './file-log.js';
import { type ConsoleLanguage } from './language.js';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_WITH_PROBLEMS = 2;

export interface ConsoleWindow {
  focus(): void;
  /** The appliance's live events and main's own, on the window's event channel. */
  sendEvent(event: ConsoleEvent): void;
}

/** Everything visible. Silent mode must not call any of it. */
export interface ConsoleUi {
  createWindow(): ConsoleWindow;
  showErrorBox(title: string, message: string): void;
  showWarning(message: string): void;
  /** A question with a confirm and a cancel button (cancel the default); true only when confirmed. */
  confirm(prompt: ConfirmPrompt): Promise<boolean>;
  /** Opens a URL in the system browser (`shell.openExternal`); callers allow-list it first. */
  openExternal(url: string): Promise<void>;
  /** The open dialog for one file (an upload's): its path, or null when cancelled. */
  chooseFile(): Promise<string | null>;
}

/**
 * What the software-update service (src-main/updates/) is started with — at every start,
 * since the update token must be fetched at the first login whatever the install options; the
 * service itself checks `options.autoUpdate` before any update check.
 */
export interface UpdaterContext {
  options: InstallOptions;
  session: ConsoleSession;
  secrets: SecretStore;
  site: SiteBinding;
  log: ConsoleLog;
  fetch: typeof globalThis.fetch;
  silent: boolean;
  language(): ConsoleLanguage;
  /** Live events as main receives them (`site.updated` → check for an update). */
  onLiveEvent(listener: (event: LiveEvent) => void): () => void;
  /** ConsoleApi errors (a login refused with 426 → update). */
  onApiError(listener: (method: ConsoleApiMethod, err: ApiError) => void): () => void;
  /** Silent mode: the update outcome's exit code (replaces the setup's). */
  setExitCode(code: number): void;
  /** Whether the console window exists: it then shows the update, and no dialog is used. */
  hasWindow(): boolean;
  /** Main's own events to the window (the update's status). */
  sendToWindow(event: DesktopEvent): void;
}

export interface RunningUpdates {
  /** What the window's update buttons call (`window.consoleUpdates`). */
  controls?: UpdateControls;
  dispose(): void;
}

export interface ConsoleAppDeps {
  argv: string[];
  defaultApp: boolean;
  platform: NodeJS.Platform;
  execPath: string;
  productName: string;
  appVersion: string;
  /** The language of main's own dialogs (Electron: from `app.getLocale()`). */
  language(): ConsoleLanguage;
  userDataDir: string;
  /** Where My Account's downloads are saved (Electron: `app.getPath('downloads')`). */
  downloadsDir: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  readInstallConfig(log: ConsoleLog): Promise<Record<string, string> | null>;
  requestSingleInstanceLock(): boolean;
  onSecondInstance(listener: () => void): void;
  setLoginItemSettings: SetLoginItemSettings;
  encryptor: AsyncEncryptor;
  fetch: typeof globalThis.fetch;
  ipcMain: IpcMainLike;
  appLocations: AppLocations;
  ui: ConsoleUi;
  /** Starts the software-update service; in silent mode its promise is awaited before exiting. */
  startUpdates?(ctx: UpdaterContext): RunningUpdates | null | Promise<RunningUpdates | null>;
  exit(code: number): void;
  /** Mirrors log lines to stdout (development). */
  echo?: (line: string) => void;
}

export interface RunningConsole {
  options: InstallOptions;
  log: ConsoleLog;
  session: ConsoleSession;
  site: SiteBinding;
  events: EventForwarder;
  window: ConsoleWindow;
  dispose(): void;
}

export function consoleLogFile(userDataDir: string): string {
  return path.join(userDataDir, 'logs', 'console.log');
}

/** Runs the console; resolves with the running console, or null when it exited (silent, second instance, failure). */
export async function runConsoleApp(deps: ConsoleAppDeps): Promise<RunningConsole | null> {
  const log = createFileLog(consoleLogFile(deps.userDataDir), deps.echo);
  const silent = resolveInstallOptions({ argv: deps.argv, defaultApp: deps.defaultApp }).silent;
  try {
    return await start(deps, log, silent);
  } catch (err) {
    log.error(`start failed: ${(err as Error)?.stack ?? String(err)}`);
    if (!silent)
      deps.ui.showErrorBox(
        'The console could not start',
        `${(err as Error)?.message ?? String(err)}\n\nDetails are in ${log.file}.`,
      );
    deps.exit(EXIT_FAILED);
    return null;
  }
}

async function start(deps: ConsoleAppDeps, log: ConsoleLog, silent: boolean): Promise<RunningConsole | null> {
  const ini = await deps.readInstallConfig(log);
  const options = resolveInstallOptions({ argv: deps.argv, ini, defaultApp: deps.defaultApp });
  log.info(
    `start ${deps.productName} ${deps.appVersion}${silent ? ' (silent)' : ''}; install config ${ini ? 'found' : 'absent'}`,
  );
  for (const p of options.problems) log.warn(`install option ${p.key} (${p.source}): ${p.message}`);

  if (!silent && !deps.requestSingleInstanceLock()) {
    log.info('another console is running; it was asked to come to the front');
    deps.exit(EXIT_OK);
    return null;
  }

  const secrets = createFileSecretStore({
    userDataDir: deps.userDataDir,
    encryptor: deps.encryptor,
    platform: deps.platform,
    log,
    ...(silent ? {} : { warnUser: (m: string) => deps.ui.showWarning(m) }),
  });
  const site = await openSiteBinding({
    userDataDir: deps.userDataDir,
    fromInstall: options.siteUrl,
    secrets,
    confirmChange: silent ? null : (change) => deps.ui.confirm(siteChangePrompt(change, deps.language())),
    log,
  });
  const launchArgs = deps.defaultApp && deps.argv[1] ? [path.resolve(deps.argv[1])] : [];
  const mode = await applyInstallMode({
    options,
    platform: deps.platform,
    execPath: deps.execPath,
    launchArgs,
    productName: deps.productName,
    userDataDir: deps.userDataDir,
    env: deps.env,
    homedir: deps.homedir,
    setLoginItemSettings: deps.setLoginItemSettings,
    log,
  });
  let window: ConsoleWindow | null = null;
  const sendToWindow = (event: DesktopEvent) => window?.sendEvent(event);
  const saveFile = createDownloadSaver({
    fetch: deps.fetch,
    downloadsDir: () => deps.downloadsDir,
    onProgress: (id, progress) => sendToWindow({ type: 'download.progress', data: { id, progress } }),
  });
  const session = createConsoleSession({
    siteUrl: () => site.get(),
    secrets,
    fetch: deps.fetch,
    appVersion: deps.appVersion,
    saveFile,
    openExternal: (url) => deps.ui.openExternal(url),
    focusWindow: () => window?.focus(),
    log,
  });
  await session.initialize();

  const liveListeners = new Set<(event: LiveEvent) => void>();
  let updatesExitCode: number | null = null;
  const updaterContext: UpdaterContext = {
    options,
    session,
    secrets,
    site,
    log,
    fetch: deps.fetch,
    silent,
    language: deps.language,
    onLiveEvent(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    onApiError: (listener) => session.onApiError(listener),
    setExitCode: (code) => {
      updatesExitCode = code;
    },
    hasWindow: () => window !== null,
    sendToWindow,
  };
  log.info(`updater ${mode.updaterActive ? 'active' : 'inactive'}`);

  if (silent) {
    const updates = await deps.startUpdates?.(updaterContext);
    updates?.dispose();
    // A site the install configuration names but the technician has not confirmed counts as a problem.
    const problems = options.problems.length + (site.unconfirmedInstallSite ? 1 : 0);
    const setupCode = problems > 0 ? EXIT_WITH_PROBLEMS : EXIT_OK;
    const code = updatesExitCode ?? setupCode;
    log.info(
      `silent setup done: site ${site.get() ?? 'not set'}, run at startup ${options.runAtStartup}, automatic update ${mode.updaterActive}, ${problems} problem(s); exit ${code}`,
    );
    deps.exit(code);
    return null;
  }

  // Before the IPC handlers exist, so the update service hears even the first login.
  const updates = await deps.startUpdates?.(updaterContext);

  const events = new EventForwarder({
    siteUrl: () => site.get(),
    token: () => session.token(),
    send: (event) => {
      window?.sendEvent(event);
      for (const l of [...liveListeners]) l(event);
    },
    onSessionEnded: (reason) => void session.end(reason),
    log,
  });
  const offLogin = session.onLogin(() => events.start());
  const offEnded = session.onEnded(() => events.stop());
  // A new site (first-run entry): the old site's session is over.
  const offSite = site.onChange((url) => session.end(`site changed to ${url}`));
  const trusted = (frame: Parameters<typeof isTrustedSender>[0]) => isTrustedSender(frame, deps.appLocations);
  const unregister = registerConsoleIpc({
    ipcMain: deps.ipcMain,
    isTrustedSender: trusted,
    api: () => session.api(),
    log,
  });
  const unregisterSite = registerSiteIpc({ ipcMain: deps.ipcMain, isTrustedSender: trusted, site, log });
  const unregisterUpdates = registerUpdateIpc({
    ipcMain: deps.ipcMain,
    isTrustedSender: trusted,
    controls: () => updates?.controls ?? null,
    log,
  });
  const uploads = createDesktopUploads({
    chooseFile: () => deps.ui.chooseFile(),
    send: createUploadSender({
      fetch: deps.fetch,
      onProgress: (fileId, progress) => sendToWindow({ type: 'upload.progress', data: { file_id: fileId, progress } }),
    }),
    siteUrl: () => site.get(),
    session,
  });
  const unregisterUploads = registerUploadIpc({ ipcMain: deps.ipcMain, isTrustedSender: trusted, uploads, log });
  deps.onSecondInstance(() => window?.focus());
  window = deps.ui.createWindow();
  if (session.token()) events.start();

  return {
    options,
    log,
    session,
    site,
    events,
    window,
    dispose() {
      updates?.dispose();
      events.stop();
      unregister();
      unregisterSite();
      unregisterUpdates();
      unregisterUploads();
      offLogin();
      offEnded();
      offSite();
    },
  };
}
