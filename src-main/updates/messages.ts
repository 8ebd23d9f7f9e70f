/**
 * What the console tells the technician when an update cannot happen, in the console's language.
 * `1.1gws` is the seed's message (src-shared/api/updates.ts); the others are this console's own,
 * one per cause, so "no network" and "disk full" are not reported as a server problem.
 */
import { UPDATE_FAILURE_MESSAGE } from '../../src-shared/api/updates.js';
import { type ConsoleLanguage } from '../app/language.js';

export type UpdateFailureKind = '1.1gws' | 'network' | 'disk' | 'verification' | 'update_required';

/** Exit codes of a silent (`--silent`) run whose update failed. */
export const UPDATE_EXIT_CODES: Record<UpdateFailureKind, number> = {
  '1.1gws': 20,
  network: 21,
  disk: 22,
  verification: 23,
  update_required: 24,
};

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
