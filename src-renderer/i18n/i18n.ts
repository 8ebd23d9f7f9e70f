/**
 * i18next with the German and English login texts bundled (the login screen needs them at once;
 * My Account adds its own texts when its chunk loads, see account-texts.ts). The language is the person's choice (kept in localStorage) or else the site default.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enLogin } from './en-login.js';
import { deLogin } from './de-login.js';

export const SUPPORTED_LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
const STORAGE_KEY = 'console.language';

export function isSupported(lang: string | null | undefined): lang is Language {
  return !!lang && (SUPPORTED_LANGUAGES as readonly string[]).includes(lang);
}

export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isSupported(v) ? v : null;
  } catch {
    return null;
  }
}

export function initI18n(language: Language = storedLanguage() ?? 'en') {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: enLogin }, de: { translation: deLogin } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

/** Applies a language; `remember` when the person picked it (not when it came from the site). */
export function setLanguage(language: string, remember: boolean): void {
  const lang: Language = isSupported(language) ? language : 'en';
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  // The same language again (the site default on arrival) must not re-render every translated
  // component: i18next emits languageChanged even when nothing changes.
  if (i18next.language !== lang) void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** The language to use once the site is known: the stored choice, else the site default. */
export function languageFor(siteDefault: string, siteLanguages: string[]): Language {
  const stored = storedLanguage();
  if (stored && (siteLanguages.length === 0 || siteLanguages.includes(stored))) return stored;
  return isSupported(siteDefault) ? siteDefault : 'en';
}
