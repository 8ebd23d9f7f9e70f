/**
 * Registers the My Account texts (after i18next is initialized). Called by the lazily loaded My
 * Account chunk, so the login screen's JavaScript does not carry them.
 */
import i18next from 'i18next';
import { enAccount } from './en-account.js';
import { deAccount } from './de-account.js';
import { registerTransferTexts } from './transfer-texts.js';

export function registerAccountTexts(): void {
  registerTransferTexts();
  i18next.addResourceBundle('en', 'translation', enAccount, true, false);
  i18next.addResourceBundle('de', 'translation', deAccount, true, false);
}
