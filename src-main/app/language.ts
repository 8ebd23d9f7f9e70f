/** The console's language for what main itself shows (dialogs, notices): German or English. */
export type ConsoleLanguage = 'de' | 'en';

/** From the system locale (`app.getLocale()`): German for any `de*` locale, else English. */
export function consoleLanguage(locale: string): ConsoleLanguage {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}
