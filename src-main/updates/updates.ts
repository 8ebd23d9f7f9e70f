/**
 * Console software updates, an `initialize(deps)` unit: obtains the update token after
 * login, and checks the appliance's feed with electron-updater at start, on `site.updated` and on
 * a `426 console_update_required` at login, when the install options allow automatic updates.
 * While a console window exists it shows everything (the `UpdateStatus` main publishes: download
 * progress, "Restart now / Later", failures with the download-page button and the retry state);
 * without one, failures and the question are dialogs. A silent run shows nothing: a log line and
 * an exit code. Network, disk and checksum failures retry with backoff.
 * Nothing here imports electron: the dialog, the window, openExternal and the updater's app come in as deps.
 */
import { type AppUpdater } from 'electron-updater';
import { type InstallOptions } from '../../src-shared/install-options.js';
import { CONSOLE_DOWNLOAD_PAGE_PATH, type ConsolePlatform } from '../../src-shared/api/updates.js';
import { ApiError } from '../../src-shared/errors.js';
import { type UpdateControls, type UpdateFailureKind, type UpdateStatus } from '../../src-shared/software-update.js';
import { transferProgress } from '../../src-shared/transfer-progress.js';
import { type ConsoleLanguage } from '../app/language.js';
import { type SecretStore } from '../storage/secret-store.js';
import { type ConsoleSession } from '../session/console-session.js';
import { classifyUpdateError } from './classify.js';
import { type RestartPrompt, type UpdateNotice } from './messages.js';
import { configureUpdater, setUpdateToken } from './platform-updater.js';
import { ReleaseVerifier } from './release-verifier.js';
import { UpdateFailures } from './update-failures.js';
import { UpdateInstaller } from './update-installer.js';
import { UpdateStatusBoard } from './update-status-board.js';
import { ensureUpdateToken, type TokenOutcome } from './update-token.js';

export interface UpdatesLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface UpdateUi {
  /** Whether a console window exists: then the window shows the update, and no dialog is used. */
  hasWindow(): boolean;
  /** Sends the update's status to the window (the `update.status` event). */
  showStatus(status: UpdateStatus): void;
  /** No window: shows the notice (dialog with the download-page button); resolves with the button pressed. */
  showNotice(notice: UpdateNotice): Promise<'download' | 'close'>;
  /** Opens the appliance's download page in the browser (shell.openExternal in the app). */
  openExternal(url: string): Promise<void>;
  /** No window: a verified update is ready: "Restart now" (true) or "Later" (false, installed at quit). */
  askRestart(prompt: RestartPrompt): Promise<boolean>;
}

export interface UpdatesDeps {
  siteUrl: string;
  platform: ConsolePlatform;
  installOptions: Pick<InstallOptions, 'autoUpdate' | 'silent'>;
  /** The release public keys a download must be signed with (IT's RELEASEKEY, else the built-in ones). */
  releaseKeys: readonly string[];
  secrets: SecretStore;
  session: Pick<ConsoleSession, 'onLogin' | 'installId' | 'token'>;
  fetch: typeof globalThis.fetch;
  /** The platform's electron-updater (createPlatformUpdater); configured here. */
  createUpdater(): AppUpdater;
  /** Where partial downloads wait to be resumed. */
  partialDir: string;
  language(): ConsoleLanguage;
  ui: UpdateUi;
  log: UpdatesLog;
  /** Silent mode's outcome (process.exitCode in the app). */
  setExitCode(code: number): void;
  /** Backoff between retries of network/disk/checksum failures; default 10 s, 1 min, 5 min, 15 min. */
  retryDelaysMs?: readonly number[];
  schedule?(fn: () => void, ms: number): () => void;
  /** The clock of the download's progress meter and of the retry times shown. */
  now?: () => number;
  /** Least time between two progress reports of the download (default 250 ms). */
  progressIntervalMs?: number;
}

/** `manual`: the technician's "Try again" in the window. */
export type CheckReason = 'start' | 'site-updated' | 'update-required' | 'retry' | 'manual';
export type CheckOutcome =
  | { status: 'disabled' }
  | { status: 'inactive' }
  | { status: 'up-to-date'; version: string }
  /** An interactive start without an update token: nothing to check until the sign-in. */
  | { status: 'no-token' }
  /** `installing`: the installer was started (the console quits); `at-quit`: the technician chose Later. */
  | { status: 'downloaded'; version: string; file: string; install: 'installing' | 'at-quit' }
  | { status: 'failed'; kind: UpdateFailureKind; retryInMs: number | null };

export interface Updates {
  /** The check at start. */
  start(): Promise<CheckOutcome>;
  /** `site.updated` arrived (the appliance published a console). */
  onSiteUpdated(): Promise<CheckOutcome>;
  /** Give every login error here: a 426 `console_update_required` starts an update. */
  handleLoginError(err: unknown): Promise<CheckOutcome | null>;
  check(reason: CheckReason): Promise<CheckOutcome>;
  /** Settles when the token step of the last login is done (tests, shutdown). */
  lastTokenStep(): Promise<TokenOutcome | null>;
  /** What the window's buttons call (through `window.consoleUpdates`). */
  controls: UpdateControls;
  dispose(): void;
}

const DEFAULT_DELAYS = [10_000, 60_000, 300_000, 900_000];

export function initialize(deps: UpdatesDeps): Updates {
  const downloadUrl = `${deps.siteUrl}${CONSOLE_DOWNLOAD_PAGE_PATH}`;
  // A silent run shows nothing, not even to a window that does not exist.
  const board = new UpdateStatusBoard((status) => {
    if (!deps.installOptions.silent) deps.ui.showStatus(status);
  });
  const inWindow = () => !deps.installOptions.silent && deps.ui.hasWindow();
  const installer = new UpdateInstaller({
    silent: deps.installOptions.silent,
    board,
    inWindow,
    askRestart: (prompt) => deps.ui.askRestart(prompt),
    language: deps.language,
    setExitCode: deps.setExitCode,
    log: deps.log,
  });
  const failures = new UpdateFailures({
    silent: deps.installOptions.silent,
    board,
    downloadUrl,
    inWindow,
    showNotice: (notice) => deps.ui.showNotice(notice),
    openExternal: (url) => deps.ui.openExternal(url),
    language: deps.language,
    setExitCode: deps.setExitCode,
    log: deps.log,
    delays: deps.retryDelaysMs ?? DEFAULT_DELAYS,
    schedule:
      deps.schedule ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return () => clearTimeout(t);
      }),
    now: deps.now ?? Date.now,
    retry: () => void check('retry'),
  });
  let updater: AppUpdater | null = null;
  let running: Promise<CheckOutcome> | null = null;
  let tokenStep: Promise<TokenOutcome | null> = Promise.resolve(null);
  let disposed = false;
  const verifier = new ReleaseVerifier(deps.releaseKeys);

  const unsubscribe = deps.session.onLogin(async (response) => {
    if (!response.token) return;
    tokenStep = ensureUpdateToken(deps, response.token, deps.session.installId());
    await tokenStep;
  });

  const getUpdater = () =>
    (updater ??= configureUpdater(deps.createUpdater(), {
      siteUrl: deps.siteUrl,
      platform: deps.platform,
      partialDir: deps.partialDir,
      logger: deps.log,
      verifier,
      progressIntervalMs: deps.progressIntervalMs,
      now: deps.now,
      onProgress(info) {
        const shown = board.current;
        if (shown.phase === 'downloading')
          board.set({ ...shown, progress: transferProgress(info.transferred, info.total, info.bytesPerSecond) });
      },
    }));

  async function fail(kind: UpdateFailureKind, detail: string, retry: boolean): Promise<CheckOutcome> {
    return { status: 'failed', kind, retryInMs: await failures.fail(kind, detail, retry) };
  }

  async function runCheck(reason: CheckReason): Promise<CheckOutcome> {
    const shown = board.current;
    if (shown.phase === 'failed') board.set({ ...shown, retry: { state: 'running' } });
    if (!deps.installOptions.autoUpdate) {
      deps.log.info(`software update: automatic updates are off for this install (check at ${reason} skipped)`);
      if (reason === 'update-required')
        return fail('update_required', 'login refused with 426 and automatic updates are off', false);
      return { status: 'disabled' };
    }
    const token = await deps.secrets.get('update_token');
    if (!token && reason === 'start' && !deps.installOptions.silent) {
      // Not known yet, not a failure: the first sign-in brings the token, and a sign-in that the
      // site refuses because this console is too old (426) is where 1.1gws is shown.
      deps.log.info('software update: no update token yet; the sign-in gets one (or says 1.1gws if it cannot)');
      return { status: 'no-token' };
    }
    if (!token) {
      failures.reset();
      return fail(
        '1.1gws',
        'this install has no update token (no console login before the appliance was updated, or an older MSI)',
        false,
      );
    }
    const u = getUpdater();
    setUpdateToken(u, token);
    try {
      const result = await u.checkForUpdates();
      if (!result) {
        board.set({ phase: 'idle' });
        return { status: 'inactive' };
      }
      if (!result.isUpdateAvailable) {
        failures.reset();
        board.set({ phase: 'idle' });
        return { status: 'up-to-date', version: result.updateInfo.version };
      }
      verifier.expect(result.updateInfo);
      const version = result.updateInfo.version;
      const size = result.updateInfo.files[0]?.size ?? null;
      board.set({
        phase: 'downloading',
        version,
        forced: reason === 'update-required',
        progress: transferProgress(0, size, 0),
      });
      const [file] = await u.downloadUpdate();
      failures.reset();
      deps.log.info(
        `software update: ${version} downloaded and verified (sha512, publisher's signature): ${file ?? ''}`,
      );
      const install = await installer.install(u, version, reason === 'update-required');
      return { status: 'downloaded', version, file: file!, install };
    } catch (err) {
      const c = classifyUpdateError(err);
      if (c.tokenRefused) {
        await deps.secrets.delete('update_token');
        deps.log.warn(
          'software update: the appliance refused the update token; a new one is requested at the next login',
        );
      }
      const kind = failures.attempt(c.kind, c.retry);
      return fail(kind, (err as Error).message?.split('\n')[0] ?? String(err), c.retry);
    }
  }

  const controls: UpdateControls = {
    status: async () => board.current,
    restartNow: async () => installer.restartNow(),
    later: async () => installer.later(),
    async retryNow() {
      void check('manual');
    },
    openDownloadPage: () => deps.ui.openExternal(downloadUrl),
  };

  function check(reason: CheckReason): Promise<CheckOutcome> {
    if (disposed) return Promise.resolve({ status: 'disabled' });
    if (reason !== 'retry') failures.cancelScheduled();
    return (running ??= runCheck(reason).finally(() => (running = null)));
  }

  return {
    start: () => check('start'),
    onSiteUpdated: () => check('site-updated'),
    async handleLoginError(err) {
      if (!(err instanceof ApiError) || err.code !== 'console_update_required') return null;
      return check('update-required');
    },
    check,
    lastTokenStep: () => tokenStep,
    controls,
    dispose() {
      disposed = true;
      failures.stop();
      // An open question ends as "Later": electron-updater installs the update when the console quits.
      board.answer(false);
      unsubscribe();
    },
  };
}
