/**
 * The texts of a transfer's progress bar (the update download, the installers main saves), in
 * German and English. Registered by each lazily loaded screen that shows one (My Account, the
 * update notice), so the login screen's JavaScript does not carry them.
 */
import i18next from 'i18next';

const en = {
  transfer: {
    ofTotal: '{{done}} of {{total}}',
    soFar: '{{done}} so far',
    speed: '{{speed}}/s',
    timeLeft: '{{time}} left',
  },
};

const de: typeof en = {
  transfer: {
    ofTotal: '{{done}} von {{total}}',
    soFar: 'bisher {{done}}',
    speed: '{{speed}}/s',
    timeLeft: 'noch {{time}}',
  },
};

export function registerTransferTexts(): void {
  i18next.addResourceBundle('en', 'translation', en, true, false);
  i18next.addResourceBundle('de', 'translation', de, true, false);
}
