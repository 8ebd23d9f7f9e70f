/**
 * Console software updates, an `initialize(deps)` unit: obtains the update token after
 * login, and checks the appliance's feed with electron-updater at start, on `site.updated` and on
 * a `426 console_update_required` at login, when the install options allow automatic updates.
 * Failures become a notice in the console's language with a button to the download page (or, in
 * silent mode, a log line and an exit code); network, disk and checksum failures retry with backoff.
 * Nothing here imports electron: the dialog, openExternal and the updater's app come in as deps.
 */
import { type AppUpdater } from 'electron-updater';
import { type InstallOptions } from '../../src-shared/install-options.js';
import { CONSOLE_DOWNLOAD_PAGE_PATH, type ConsolePlatform } from '../../src-shared/api/updates.js';
import { ApiError } from '../../src-shared/errors.js';
import { type ConsoleLanguage } from '../app/language.js';
import { type SecretStore } from '../storage/secret-store.js';
import { type ConsoleSession } from '../session/console-session.js';
import { classifyUpdateError } from './classify.js';
import {
  restartPrompt,
  UPDATE_EXIT_CODES,
  UPDATE_INSTALLING_EXIT_CODE,
  updateNotice,
  type RestartPrompt,
  type UpdateFailureKind,
  type UpdateNotice,
} from './messages.js';
import { configureUpdater, setUpdateToken } from './platform-updater.js';
import { ReleaseVerifier } from './release-verifier.js';
import { ensureUpdateToken, type TokenOutcome } from './update-token.js';

export interface UpdatesLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface UpdateUi {
  /** Shows the notice (dialog with the download-page button); resolves with the button pressed. */
  showNotice(notice: UpdateNotice): Promise<'download' | 'close'>;
  /** Opens the appliance's download page in the browser (shell.openExternal in the app). */
  openExternal(url: string): Promise<void>;
  /** A verified update is ready: "Restart now" (true) or "Later" (false, installed at quit). */
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
}

export type CheckReason = 'start' | 'site-updated' | 'update-required' | 'retry';
export type CheckOutcome =
  | { status: 'disabled' }
  | { status: 'inactive' }
  | { status: 'up-to-date'; version: string }
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
  dispose(): void;
}

const DEFAULT_DELAYS = [10_000, 60_000, 300_000, 900_000];

export function initialize(deps: UpdatesDeps): Updates {
  const delays = deps.retryDelaysMs ?? DEFAULT_DELAYS;
  const schedule =
    deps.schedule ??
    ((fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref?.();
      return () => clearTimeout(t);
    });
  const downloadUrl = `${deps.siteUrl}${CONSOLE_DOWNLOAD_PAGE_PATH}`;
  let updater: AppUpdater | null = null;
  let running: Promise<CheckOutcome> | null = null;
  let failures = 0;
  let cancelRetry: (() => void) | null = null;
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
    }));

  async function report(kind: UpdateFailureKind, willRetry: boolean, detail: string): Promise<void> {
    const notice = updateNotice(kind, deps.language(), downloadUrl, willRetry);
    deps.log.error(`software update failed (${kind}): ${detail} | ${notice.message}`);
    if (deps.installOptions.silent) {
      deps.setExitCode(UPDATE_EXIT_CODES[kind]);
      return;
    }
    // A retrying failure is shown once per series, not at every attempt.
    if (willRetry && failures > 1) return;
    const choice = await deps.ui.showNotice(notice);
    if (choice === 'download') await deps.ui.openExternal(downloadUrl);
  }

  async function fail(kind: UpdateFailureKind, detail: string, retry: boolean): Promise<CheckOutcome> {
    let retryInMs: number | null = null;
    if (retry && failures <= delays.length && !disposed) {
      retryInMs = delays[failures - 1]!;
      cancelRetry?.();
      cancelRetry = schedule(() => void check('retry'), retryInMs);
    }
    await report(kind, retryInMs !== null, detail);
    return { status: 'failed', kind, retryInMs };
  }

  async function runCheck(reason: CheckReason): Promise<CheckOutcome> {
    if (!deps.installOptions.autoUpdate) {
      deps.log.info(`software update: automatic updates are off for this install (check at ${reason} skipped)`);
      if (reason === 'update-required')
        return fail('update_required', 'login refused with 426 and automatic updates are off', false);
      return { status: 'disabled' };
    }
    const token = await deps.secrets.get('update_token');
    if (!token) {
      failures = 0;
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
      if (!result) return { status: 'inactive' };
      if (!result.isUpdateAvailable) {
        failures = 0;
        return { status: 'up-to-date', version: result.updateInfo.version };
      }
      verifier.expect(result.updateInfo);
      const [file] = await u.downloadUpdate();
      failures = 0;
      const version = result.updateInfo.version;
      deps.log.info(
        `software update: ${version} downloaded and verified (sha512, publisher's signature): ${file ?? ''}`,
      );
      return { status: 'downloaded', version, file: file!, install: await install(u, version, reason) };
    } catch (err) {
      const c = classifyUpdateError(err);
      if (c.tokenRefused) {
        await deps.secrets.delete('update_token');
        deps.log.warn(
          'software update: the appliance refused the update token; a new one is requested at the next login',
        );
      }
      failures = c.retry ? failures + 1 : 0;
      // Network retries used up: the feed cannot be reached, which is the seed's 1.1gws.
      const kind = c.kind === 'network' && failures > delays.length ? '1.1gws' : c.kind;
      return fail(kind, (err as Error).message?.split('\n')[0] ?? String(err), c.retry);
    }
  }

  /** Runs the installer now or leaves it for the quit, as the run and the technician decide. */
  async function install(u: AppUpdater, version: string, reason: CheckReason): Promise<'installing' | 'at-quit'> {
    if (deps.installOptions.silent) {
      // A silent run (IT's deployment, the login item) installs silently and does not start the
      // console again: no window appears on a machine nobody may be sitting at.
      deps.log.info(`software update: installing ${version} silently; the console is not started again`);
      deps.setExitCode(UPDATE_INSTALLING_EXIT_CODE);
      u.quitAndInstall(true, false);
      return 'installing';
    }
    if (reason === 'update-required') {
      deps.log.info(`software update: ${version} is required to log in; installing now`);
      u.quitAndInstall(true, true);
      return 'installing';
    }
    if (await deps.ui.askRestart(restartPrompt(version, deps.language()))) {
      deps.log.info(`software update: restarting to install ${version}`);
      u.quitAndInstall(true, true);
      return 'installing';
    }
    deps.log.info(`software update: ${version} is installed when the console quits`);
    return 'at-quit';
  }

  function check(reason: CheckReason): Promise<CheckOutcome> {
    if (disposed) return Promise.resolve({ status: 'disabled' });
    if (reason !== 'retry') {
      cancelRetry?.();
      cancelRetry = null;
    }
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
    dispose() {
      disposed = true;
      cancelRetry?.();
      unsubscribe();
    },
  };
}
