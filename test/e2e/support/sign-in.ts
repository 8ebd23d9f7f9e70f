/**
 * Signing in to the web console with a password, as a keyboard user does: open the console, pick
 * the language (the page starts in English), type the name and the password, press Enter, and wait
 * for the navigation that a signed-in console shows.
 */
import { type Page } from 'playwright-core';
import { de } from '../../../src-renderer/i18n/de.js';
import { en } from '../../../src-renderer/i18n/en.js';
import { chooseLanguage, typeInto } from './keyboard.js';

export async function signInWithPassword(
  page: Page,
  siteUrl: string,
  who: { username: string; password: string },
  lang: 'en' | 'de',
): Promise<void> {
  const T = lang === 'de' ? de : en;
  await page.goto(`${siteUrl}/console/`);
  await page.locator('#login-form').waitFor();
  if (lang !== 'en') await chooseLanguage(page, lang);
  await typeInto(page.getByLabel(T.login.username), who.username);
  await typeInto(page.getByLabel(T.login.password, { exact: true }), who.password);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: T.nav.label }).waitFor();
}
