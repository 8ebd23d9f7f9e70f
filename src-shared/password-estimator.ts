/**
 * zxcvbn-ts with the breach list and keyboard layouts (language-common) and the English and German
 * dictionaries (words, names, Wikipedia). Imported only through `loadStrengthEstimator()`.
 *
 * Only the first 64 characters are examined, with at most 4 l33t substitutions: zxcvbn's matching
 * grows steeply with length, and a 256-character `P@ssw0rd…` took 11 s of CPU with the defaults (a
 * request that long would stall the appliance). With these limits the worst case measured about
 * 70 ms; a password whose first 64 characters are hard to guess is hard to guess.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as de from '@zxcvbn-ts/language-de';
import { type StrengthEstimator, toEstimate } from './password-strength.js';

export const ESTIMATED_LENGTH = 64;

/** Each input whole and word by word ("Support Team" → "support team", "support", "team"). */
function userWords(userInputs: readonly string[]): string[] {
  const words = new Set<string>();
  for (const input of userInputs) {
    const lowered = input.trim().toLowerCase().slice(0, ESTIMATED_LENGTH);
    for (const w of [lowered, ...lowered.split(/[^\p{L}\p{N}]+/u)]) if (w.length >= 3) words.add(w);
  }
  return [...words];
}

export function createStrengthEstimator(): StrengthEstimator {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...de.dictionary },
    graphs: common.adjacencyGraphs,
    maxLength: ESTIMATED_LENGTH,
    l33tMaxSubstitutions: 4,
  });
  return (password, userInputs) => {
    const checked = [...password].slice(0, ESTIMATED_LENGTH).join('');
    const inputs = userWords(userInputs);
    const result = zxcvbn.check(checked, inputs);
    return toEstimate(result.score, result.sequence, checked);
  };
}
