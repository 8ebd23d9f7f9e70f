/**
 * Runs a verified update's installer now or leaves it for the quit, as the run and the technician
 * decide:
 *  - a silent run (IT's deployment, the login item) installs silently and does not start the
 *    console again: no window appears on a machine nobody may be sitting at;
 *  - a forced update (the site requires it before the technician can sign in) installs at once;
 *  - otherwise the technician chooses "Restart now" or "Later": in the window while one exists,
 *    else in a dialog. Later leaves it to electron-updater's install-at-quit, and the window can
 *    still say "Restart now" afterwards.
 */
import { type AppUpdater } from 'electron-updater';
import { ApiError } from '../../src-shared/errors.js';
import { type ConsoleLanguage } from '../app/language.js';
import { restartPrompt, UPDATE_INSTALLING_EXIT_CODE, type RestartPrompt } from './messages.js';
import { type UpdateStatusBoard } from './update-status-board.js';

export interface UpdateInstallerDeps {
  silent: boolean;
  board: UpdateStatusBoard;
  /** Whether the window asks (else the dialog). */
  inWindow(): boolean;
  askRestart(prompt: RestartPrompt): Promise<boolean>;
  language(): ConsoleLanguage;
  setExitCode(code: number): void;
  log: { info(msg: string): void };
}

export type InstallChoice = 'installing' | 'at-quit';

export class UpdateInstaller {
  /** A verified download left for the quit ("Later"). */
  private waiting: { updater: AppUpdater; version: string } | null = null;

  constructor(private readonly deps: UpdateInstallerDeps) {}

  async install(u: AppUpdater, version: string, forced: boolean): Promise<InstallChoice> {
    const { deps } = this;
    if (deps.silent) {
      deps.log.info(`software update: installing ${version} silently; the console is not started again`);
      deps.setExitCode(UPDATE_INSTALLING_EXIT_CODE);
      u.quitAndInstall(true, false);
      return 'installing';
    }
    if (forced) {
      deps.log.info(`software update: ${version} is required to log in; installing now`);
      return this.restartInto(u, version, true);
    }
    const restart = deps.inWindow()
      ? await deps.board.askInWindow(version)
      : await deps.askRestart(restartPrompt(version, deps.language()));
    if (restart) {
      deps.log.info(`software update: restarting to install ${version}`);
      return this.restartInto(u, version, false);
    }
    deps.log.info(`software update: ${version} is installed when the console quits`);
    this.waiting = { updater: u, version };
    deps.board.set({ phase: 'ready', version, choice: 'later' });
    return 'at-quit';
  }

  /** The window's "Restart now": answers the open question, or installs what was left for later. */
  restartNow(): void {
    if (this.deps.board.answer(true)) return;
    const waiting = this.waiting;
    if (!waiting) throw notReady();
    this.deps.log.info(`software update: restarting to install ${waiting.version}`);
    this.restartInto(waiting.updater, waiting.version, false);
  }

  /** The window's "Later". */
  later(): void {
    if (this.deps.board.answer(false) || this.waiting) return;
    throw notReady();
  }

  private restartInto(u: AppUpdater, version: string, forced: boolean): 'installing' {
    this.waiting = null;
    this.deps.board.set({ phase: 'installing', version, forced });
    u.quitAndInstall(true, true);
    return 'installing';
  }
}

function notReady(): ApiError {
  return new ApiError(409, 'update_not_ready', 'No update is waiting to be installed.');
}
