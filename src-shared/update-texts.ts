/**
 * What the console says about its software update, in German and English: main's dialogs (when no
 * window exists) and the window's banner use these same sentences. `1.1gws` is the seed's message.
 * `{{version}}` is filled in by whoever shows the text (i18next in the window).
 */
import { UPDATE_FAILURE_MESSAGE } from './api/updates.js';
import { type UpdateFailureKind } from './software-update.js';

/** i18next reads "." as a key separator, so the seed's code gets a plain key. */
export type FailureTextKey = Exclude<UpdateFailureKind, '1.1gws'> | 'gws';
export const failureTextKey = (kind: UpdateFailureKind): FailureTextKey => (kind === '1.1gws' ? 'gws' : kind);

export interface UpdateTexts {
  title: string;
  failure: Record<FailureTextKey, string>;
  downloadButton: string;
  closeButton: string;
  ready: string;
  readyDetail: string;
  restartButton: string;
  laterButton: string;
}

export const UPDATE_TEXTS: Record<'en' | 'de', UpdateTexts> = {
  en: {
    title: 'Software update',
    failure: {
      gws: UPDATE_FAILURE_MESSAGE.en,
      network: 'The software update could not reach the server (network problem). The console will try again shortly.',
      disk: 'The software update could not be saved on this computer (disk full or not writable). Free some space; the console will try again shortly.',
      verification:
        'The downloaded update failed its integrity check (sha512) and was discarded; nothing was installed. The console will try again shortly.',
      untrusted:
        'The update the server offered is not signed by the publisher of this console, so it was discarded and nothing was installed. The server may have been tampered with: tell your IT department.',
      update_required:
        'This console must be updated before you can log in, and automatic updates are off for this installation. Download the new version from the website.',
    },
    downloadButton: 'Open download page',
    closeButton: 'Close',
    ready: 'Version {{version}} of the console is ready to install.',
    readyDetail: 'Restart now to install it. If you choose Later, it is installed when you quit the console.',
    restartButton: 'Restart now',
    laterButton: 'Later',
  },
  de: {
    title: 'Softwareaktualisierung',
    failure: {
      gws: UPDATE_FAILURE_MESSAGE.de,
      network:
        'Die Softwareaktualisierung konnte den Server nicht erreichen (Netzwerkproblem). Die Konsole versucht es in Kürze erneut.',
      disk: 'Die Softwareaktualisierung konnte auf diesem Computer nicht gespeichert werden (Datenträger voll oder schreibgeschützt). Geben Sie Speicherplatz frei; die Konsole versucht es in Kürze erneut.',
      verification:
        'Die heruntergeladene Aktualisierung hat die Integritätsprüfung (sha512) nicht bestanden und wurde verworfen; es wurde nichts installiert. Die Konsole versucht es in Kürze erneut.',
      untrusted:
        'Die vom Server angebotene Aktualisierung ist nicht vom Herausgeber dieser Konsole signiert; sie wurde verworfen, es wurde nichts installiert. Der Server wurde möglicherweise manipuliert: Informieren Sie Ihre IT-Abteilung.',
      update_required:
        'Diese Konsole muss vor der Anmeldung aktualisiert werden, und automatische Aktualisierungen sind für diese Installation ausgeschaltet. Laden Sie die neue Version von der Website herunter.',
    },
    downloadButton: 'Downloadseite öffnen',
    closeButton: 'Schließen',
    ready: 'Version {{version}} der Konsole ist bereit zur Installation.',
    readyDetail:
      'Starten Sie jetzt neu, um sie zu installieren. Wählen Sie „Später“, wird sie installiert, wenn Sie die Konsole beenden.',
    restartButton: 'Jetzt neu starten',
    laterButton: 'Später',
  },
};
