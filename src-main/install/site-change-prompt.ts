/**
 * The dialog that lets a technician change the bound site (site-binding.ts): the old and the new
 * address side by side, in the console's language. "Keep" is the default button: a change sends
 * the technician's password to the new site at the next login.
 */
import { type ConsoleLanguage } from '../app/language.js';
import { type SiteChange } from './site-binding.js';

export interface ConfirmPrompt {
  title: string;
  message: string;
  detail: string;
  confirmButton: string;
  cancelButton: string;
}

const TEXT = {
  en: {
    title: 'Change the support site?',
    message: (c: SiteChange) => `This console is connected to\n${c.from}\n\nConnect it to\n${c.to}\ninstead?`,
    install: 'The installation settings name a different site.',
    console: 'The console window asked to connect to a different site.',
    detail:
      'Only confirm this if your IT department told you to. You will be signed out, and your next login goes to the new site.',
    confirmButton: 'Change site',
    cancelButton: 'Keep current site',
  },
  de: {
    title: 'Support-Website wechseln?',
    message: (c: SiteChange) => `Diese Konsole ist verbunden mit\n${c.from}\n\nStattdessen verbinden mit\n${c.to}?`,
    install: 'Die Installationseinstellungen nennen eine andere Website.',
    console: 'Das Konsolenfenster möchte sich mit einer anderen Website verbinden.',
    detail:
      'Bestätigen Sie das nur, wenn Ihre IT-Abteilung Sie darum gebeten hat. Sie werden abgemeldet, und Ihre nächste Anmeldung geht an die neue Website.',
    confirmButton: 'Website wechseln',
    cancelButton: 'Aktuelle Website behalten',
  },
} as const;

export function siteChangePrompt(change: SiteChange, language: ConsoleLanguage): ConfirmPrompt {
  const t = TEXT[language];
  return {
    title: t.title,
    message: t.message(change),
    detail: `${t[change.source]} ${t.detail}`,
    confirmButton: t.confirmButton,
    cancelButton: t.cancelButton,
  };
}
