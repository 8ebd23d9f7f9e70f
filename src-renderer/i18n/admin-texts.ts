/** Registers the Management texts; called by the Management chunk when it loads (see account-texts.ts). */
import i18next from 'i18next';
import { enAdmin } from './en-admin.js';
import { deAdmin } from './de-admin.js';
import { enAdminSecurity } from './en-admin-security.js';
import { deAdminSecurity } from './de-admin-security.js';
import { enAdminProviders } from './en-admin-providers.js';
import { deAdminProviders } from './de-admin-providers.js';

export function registerAdminTexts(): void {
  i18next.addResourceBundle('en', 'translation', enAdmin, true, false);
  i18next.addResourceBundle('de', 'translation', deAdmin, true, false);
  i18next.addResourceBundle('en', 'translation', enAdminSecurity, true, false);
  i18next.addResourceBundle('de', 'translation', deAdminSecurity, true, false);
  i18next.addResourceBundle('en', 'translation', enAdminProviders, true, false);
  i18next.addResourceBundle('de', 'translation', deAdminProviders, true, false);
}
