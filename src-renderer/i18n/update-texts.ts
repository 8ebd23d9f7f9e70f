/**
 * The window's update texts: the sentences main's dialogs use too (src-shared/update-texts.ts:
 * the failures, Restart now / Later) and those only the window shows (the download, a forced
 * update, the retry state). Registered by the lazily loaded update notice.
 */
import i18next from 'i18next';
import { UPDATE_TEXTS } from '../../src-shared/update-texts.js';
import { registerTransferTexts } from './transfer-texts.js';

const en = {
  ...UPDATE_TEXTS.en,
  downloading: 'Downloading version {{version}} of the console…',
  downloadingDetail: 'You can keep working. When the update is ready you choose when to restart.',
  progressLabel: 'Download of version {{version}}',
  forced:
    'This site requires version {{version}} of the console: this version can no longer sign in. The update is installed as soon as it has downloaded, and the console starts again by itself.',
  installing: 'Installing version {{version}}. The console closes and starts again.',
  installingForced: 'Installing version {{version}}, which this site requires. The console closes and starts again.',
  laterChosen: 'Version {{version}} will be installed when you quit the console.',
  retryScheduled: 'The console tries again at {{time}}.',
  retryRunning: 'Trying again…',
  retryNone: 'The console does not try again by itself.',
  retryButton: 'Try again now',
};

const de: typeof en = {
  ...UPDATE_TEXTS.de,
  downloading: 'Version {{version}} der Konsole wird heruntergeladen …',
  downloadingDetail:
    'Sie können weiterarbeiten. Wenn die Aktualisierung bereit ist, wählen Sie, wann neu gestartet wird.',
  progressLabel: 'Download von Version {{version}}',
  forced:
    'Diese Site erfordert Version {{version}} der Konsole: Mit dieser Version ist keine Anmeldung mehr möglich. Die Aktualisierung wird installiert, sobald sie heruntergeladen ist, und die Konsole startet danach von selbst neu.',
  installing: 'Version {{version}} wird installiert. Die Konsole wird beendet und startet neu.',
  installingForced:
    'Version {{version}}, die diese Site erfordert, wird installiert. Die Konsole wird beendet und startet neu.',
  laterChosen: 'Version {{version}} wird installiert, wenn Sie die Konsole beenden.',
  retryScheduled: 'Die Konsole versucht es um {{time}} erneut.',
  retryRunning: 'Neuer Versuch läuft …',
  retryNone: 'Die Konsole versucht es nicht von selbst erneut.',
  retryButton: 'Jetzt erneut versuchen',
};

export const UPDATE_WINDOW_TEXTS = { en, de };

export function registerUpdateTexts(): void {
  registerTransferTexts();
  i18next.addResourceBundle('en', 'translation', { update: en }, true, false);
  i18next.addResourceBundle('de', 'translation', { update: de }, true, false);
}
