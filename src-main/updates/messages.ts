/**
 * What the console tells the technician when an update cannot happen, in the console's language.
 * `1.1gws` is the seed's message (src-shared/api/updates.ts); the others are this console's own,
 * one per cause, so "no network" and "disk full" are not reported as a server problem.
 */
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';
import { type ConsoleLanguage } from '../app/language.js';

export type UpdateFailureKind = '1.1gws' | 'network' | 'disk' | 'verification' | 'untrusted' | 'update_required';

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

const TEXT: Record<Exclude<UpdateFailureKind, '1.1gws'>, Record<ConsoleLanguage, string>> = {
  network: {
    en: 'The software update could not reach the server (network problem). The console will try again shortly.',
    de: 'Die Softwareaktualisierung konnte den Server nicht erreichen (Netzwerkproblem). Die Konsole versucht es in Kürze erneut.',
  },
  disk: {
    en: 'The software update could not be saved on this computer (disk full or not writable). Free some space; the console will try again shortly.',
    de: 'Die Softwareaktualisierung konnte auf diesem Computer nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Geben Sie Speicherplatz frei; die Konsole versucht es in Kürze erneut.',
  },
  verification: {
    en: 'The downloaded update failed its integrity check (sha512) and was discarded; nothing was installed. The console will try again shortly.',
    de: 'Die heruntergeladene Aktualisierung hat die Integritätsprüfung (sha512) nicht bestanden und wurde verworfen; es wurde nichts installiert. Die Konsole versucht es in Kürze erneut.',
  },
  untrusted: {
    en: 'The update the server offered is not signed by the publisher of this console, so it was discarded and nothing was installed. The server may have been tampered with: tell your IT department.',
    de: 'Die vom Server angebotene Aktualisierung ist nicht vom Herausgeber dieser Konsole signiert; sie wurde verworfen, es wurde nichts installiert. Der Server wurde möglicherweise manipuliert: Informieren Sie Ihre IT-Abteilung.',
  },
  update_required: {
    en: 'This console must be updated before you can log in, and automatic updates are off for this installation. Download the new version from the website.',
    de: 'Diese Konsole muss vor der Anmeldung aktualisiert werden, und automatische Aktualisierungen sind für diese Installation ausgeschaltet. Laden Sie die neue Version von der Website herunter.',
  },
};

const TITLE: Record<ConsoleLanguage, string> = { en: 'Software update', de: 'Softwareaktualisierung' };
const DOWNLOAD_BUTTON: Record<ConsoleLanguage, string> = { en: 'Open download page', de: 'Downloadseite öffnen' };
const CLOSE_BUTTON: Record<ConsoleLanguage, string> = { en: 'Close', de: 'Schließen' };

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
  const message = kind === '1.1gws' ? UPDATE_FAILURE_MESSAGE[language] : TEXT[kind][language];
  return {
    kind,
    title: TITLE[language],
    message,
    downloadUrl,
    downloadButton: DOWNLOAD_BUTTON[language],
    closeButton: CLOSE_BUTTON[language],
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

const RESTART = {
  en: {
    message: (v: string) => `Version ${v} of the console is ready to install.`,
    detail: 'Restart now to install it. If you choose Later, it is installed when you quit the console.',
    restartButton: 'Restart now',
    laterButton: 'Later',
  },
  de: {
    message: (v: string) => `Version ${v} der Konsole ist bereit zur Installation.`,
    detail:
      'Starten Sie jetzt neu, um sie zu installieren. Wählen Sie „Später“, wird sie installiert, wenn Sie die Konsole beenden.',
    restartButton: 'Jetzt neu starten',
    laterButton: 'Später',
  },
} as const;

export function restartPrompt(version: string, language: ConsoleLanguage): RestartPrompt {
  const t = RESTART[language];
  return {
    version,
    title: TITLE[language],
    message: t.message(version),
    detail: t.detail,
    restartButton: t.restartButton,
    laterButton: t.laterButton,
  };
}
