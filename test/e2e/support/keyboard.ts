/**
 * Keyboard use in the e2e tests, as a person without a mouse works the console: focus() stands for
 * the Tab presses that reach a control, the keys do the rest.
 */
import { type Locator, type Page } from 'playwright-core';

/** Focuses `target` and presses `key` on it. */
export async function press(target: Locator, key = 'Enter'): Promise<void> {
  await target.focus();
  await target.page().keyboard.press(key);
}

/** Replaces what a field holds with `text` (an empty text clears it): select all, delete, type. */
export async function typeInto(target: Locator, text: string): Promise<void> {
  const { keyboard } = target.page();
  await target.focus();
  await keyboard.press('ControlOrMeta+A');
  await keyboard.press('Backspace');
  if (text) await keyboard.type(text);
}

/**
 * The console's language in the header's picker, as a keyboard user picks it: focus, then
 * ArrowDown or ArrowUp to it. Returns once the page is in that language (its <html lang>).
 */
export async function chooseLanguage(page: Page, lang: string): Promise<void> {
  const picker = page.getByLabel(/^(Language|Sprache)$/);
  await picker.focus();
  const languages = await picker
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const from = languages.indexOf(await picker.inputValue());
  const to = languages.indexOf(lang);
  if (to < 0) throw new Error(`the language picker offers ${languages.join(', ')}, not ${lang}`);
  for (let i = from; i !== to; i += Math.sign(to - from))
    await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  // A wait that works in beforeAll too (expect.poll does not): the page has switched its texts.
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  const chosen = await picker.inputValue();
  if (chosen !== lang) throw new Error(`the language picker shows ${chosen} after choosing ${lang}`);
}
