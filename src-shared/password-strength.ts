/**
 * How guessable a password is (ASVS 6.2.4, 6.2.11): zxcvbn's estimate (breach list, dictionaries,
 * keyboard walks, sequences, repeats, l33t, dates) as a score 0–4 and one stable reason that says
 * why a weak password is weak, so the appliance's refusal and the renderer's meter say the same.
 *
 * The estimator and its dictionaries (~1 MB) live in `password-estimator.ts` and are loaded with
 * `loadStrengthEstimator()`: the appliance on its first password check, the renderer only when a
 * password screen opens, so the login screen's JavaScript stays small.
 */
import { type MatchExtended } from '@zxcvbn-ts/core';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export const STRENGTH_REASONS = [
  'common_password',
  'common_password_variant',
  'common_with_digits',
  'common_words',
  'name',
  'personal',
  'keyboard_pattern',
  'sequence',
  'repeat',
  'date',
  'too_simple',
] as const;
export type StrengthReason = (typeof STRENGTH_REASONS)[number];

export interface StrengthEstimate {
  score: StrengthScore;
  /** Why the password is guessable: set whenever the score is below 4. */
  reason: StrengthReason | null;
  /** The whole password (in any letter case) is on the breach list. */
  common: boolean;
}

/** Estimates one password; `userInputs` are words an attacker knows (username, names, site name). */
export type StrengthEstimator = (password: string, userInputs: readonly string[]) => StrengthEstimate;

const BREACH_LIST = 'passwords';
const NAME_LISTS = ['firstnames', 'lastnames'];
const NO_LETTERS = /^[^\p{L}]+$/u;

function listOf(match: MatchExtended): string {
  // zxcvbn-ts names lists `passwords-common`, `firstnames-en`, `commonWords` (German): the family is the prefix.
  return String(match.dictionaryName ?? '').split('-')[0]!;
}

function isWholeBreachEntry(sequence: readonly MatchExtended[], password: string): boolean {
  const only = sequence.length === 1 ? sequence[0]! : undefined;
  return (
    only !== undefined &&
    only.pattern === 'dictionary' &&
    listOf(only) === BREACH_LIST &&
    !only.l33t &&
    !only.reversed &&
    only.i === 0 &&
    only.j === password.length - 1
  );
}

function reasonOfDictionaryMatch(main: MatchExtended, sequence: readonly MatchExtended[], password: string) {
  const rest = sequence.filter((m) => m !== main);
  if (rest.length === 0) {
    if (listOf(main) === BREACH_LIST)
      return isWholeBreachEntry(sequence, password) ? 'common_password' : 'common_password_variant';
    return NAME_LISTS.includes(listOf(main)) ? 'name' : 'common_words';
  }
  if (rest.every((m) => NO_LETTERS.test(m.token))) return 'common_with_digits';
  if (main.l33t || main.reversed) return 'common_password_variant';
  return 'common_words';
}

/** The reason for a weak estimate, from the matches zxcvbn found (its sequence covers the password). */
export function strengthReason(sequence: readonly MatchExtended[], password: string): StrengthReason {
  if (sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs' && m.token.length >= 3))
    return 'personal';
  let main: MatchExtended | undefined;
  for (const m of sequence) if (m.pattern !== 'bruteforce' && (!main || m.token.length > main.token.length)) main = m;
  if (!main) return 'too_simple';
  switch (main.pattern) {
    case 'dictionary':
      return reasonOfDictionaryMatch(main, sequence, password);
    case 'wordSequence':
      return 'common_words';
    case 'spatial':
      return 'keyboard_pattern';
    case 'sequence':
      return 'sequence';
    case 'repeat':
      return 'repeat';
    case 'date':
    case 'regex':
      return 'date';
    default:
      return 'too_simple';
  }
}

/** Builds the estimate from zxcvbn's result (kept here so the rules for reasons are in one file). */
export function toEstimate(score: number, sequence: readonly MatchExtended[], checked: string): StrengthEstimate {
  const s = Math.max(0, Math.min(4, Math.floor(score))) as StrengthScore;
  return {
    score: s,
    reason: s < 4 ? strengthReason(sequence, checked) : null,
    common: isWholeBreachEntry(sequence, checked),
  };
}

let loading: Promise<StrengthEstimator> | undefined;

/** The estimator with its dictionaries, loaded once per process or page. */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  loading ??= import('./password-estimator.js').then((m) => m.createStrengthEstimator());
  loading.catch(() => (loading = undefined));
  return loading;
}
