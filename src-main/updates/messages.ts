/**
 * What main itself shows about an update when no console window exists (a dialog), in the
 * console's language, and the exit codes of silent runs. The sentences are the shared ones
 * (src-shared/update-texts.ts), so the dialog and the window's banner say the same.
 */
import { type UpdateFailureKind } from '../../src-shared/software-update.js';
import { failureTextKey, UPDATE_TEXTS } from '../../src-shared/update-texts.js';
import { type ConsoleLanguage } from '../app/language.js';

/**
 * Exit codes of a silent (`--silent`) run whose update failed. 23: the download failed
 * verification, its sha512 or the publisher's signature; nothing was installed.
 */
export const UPDATE_EXIT_CODES: Record<UpdateFailureKind, number> = {
  '1.1gws': 20,
  network: 21,
  disk: 22,
  verification: 23,
  untrusted: 23,
  update_required: 24,
};

/**
 * Exit code of a silent run that found an update: downloaded, verified and handed to its installer,
 * which runs silently after the console has exited; the console is not started again.
 */
export const UPDATE_INSTALLING_EXIT_CODE = 10;

export interface UpdateNotice {
  kind: UpdateFailureKind;
  title: string;
  message: string;
  /** The appliance's download page; the notice's first button opens it. */
  downloadUrl: string;
  downloadButton: string;
  closeButton: string;
  /** Whether the console retries by itself (network, disk, verification). */
  willRetry: boolean;
}

export function updateNotice(
  kind: UpdateFailureKind,
  language: ConsoleLanguage,
  downloadUrl: string,
  willRetry: boolean,
): UpdateNotice {
  const t = UPDATE_TEXTS[language];
  return {
    kind,
    title: t.title,
    message: t.failure[failureTextKey(kind)],
    downloadUrl,
    downloadButton: t.downloadButton,
    closeButton: t.closeButton,
    willRetry,
  };
}

/** "Restart now / Later" when a verified update is ready (not asked for a forced update or in silent mode). */
export interface RestartPrompt {
  version: string;
  title: string;
  message: string;
  detail: string;
  restartButton: string;
  laterButton: string;
}

export function restartPrompt(version: string, language: ConsoleLanguage): RestartPrompt {
  const t = UPDATE_TEXTS[language];
  return {
    version,
    title: t.title,
    message: t.ready.replace('{{version}}', version),
    detail: t.readyDetail,
    restartButton: t.restartButton,
    laterButton: t.laterButton,
  };
}
