/**
 * Text that is valid and reads as it looks. Every string the appliance accepts is well-formed
 * UTF-16 (no lone surrogate, which JSON's `\ud800` escape can smuggle in); names and usernames are
 * NFC and carry no invisible format characters (bidi embeddings, overrides and isolates, zero-width
 * characters, soft hyphen, word joiner, BOM — Unicode's Cf category), so a customer cannot be shown
 * "Support‮nimda" that reads as something else.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const FORMAT = /\p{Cf}/u;

export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** C0/C1 controls (tab and newline included: a name is one line). */
export function hasControlCharacters(s: string): boolean {
  return CONTROL.test(s);
}

/** Invisible format characters: bidi controls U+202A–U+202E and U+2066–U+2069, U+200B–U+200F, U+FEFF, … */
export function hasInvisibleFormatCharacters(s: string): boolean {
  return FORMAT.test(s);
}
