import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { de } from '../../src-renderer/i18n/de.js';
import { formatDuration } from '../../src-renderer/i18n/format.js';
import { ERROR_CODES } from '../../src-shared/api-error.js';

const flatten = (o: object, prefix = ''): Record<string, string> =>
  Object.entries(o).reduce<Record<string, string>>(
    (acc, [k, v]) =>
      typeof v === 'string' ? { ...acc, [prefix + k]: v } : { ...acc, ...flatten(v, `${prefix}${k}.`) },
    {},
  );

describe('texts', () => {
  it('German and English have the same keys, every text non-empty, with the same {{placeholders}}', () => {
    const e = flatten(en);
    const d = flatten(de);
    expect(Object.keys(d).sort()).toEqual(Object.keys(e).sort());
    for (const [key, text] of Object.entries(e)) {
      expect(text.trim(), key).not.toBe('');
      const ph = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(ph(d[key]!), key).toEqual(ph(text));
    }
  });

  it('the German texts are translated, not copied (apart from names and codes)', () => {
    const e = flatten(en);
    const d = flatten(de);
    const same = Object.keys(e).filter((k) => e[k] === d[k] && e[k]!.length > 12);
    expect(same).toEqual([]);
  });

  it('every appliance error a person can cause in these screens has a sentence', () => {
    const shown = [
      'invalid_credentials',
      'otp_invalid',
      'account_disabled',
      'rate_limited',
      'network_error',
      'password_policy',
      'username_mismatch',
      'two_factor_enforced',
      'extended_availability_not_allowed',
      'language_not_enabled',
      'photo_too_large',
      'photo_too_small',
      'photo_unsupported_type',
      'photo_corrupt',
      'photo_too_many_pixels',
      'csrf_failed',
      'validation_failed',
    ] as const;
    for (const code of shown) {
      expect(ERROR_CODES).toContain(code);
      expect((en.errors as Record<string, string>)[code], code).toBeTruthy();
    }
  });

  it('durations are localized', () => {
    expect(formatDuration(14 * 60 + 5, 'en')).toBe('15 minutes');
    expect(formatDuration(14 * 60 + 5, 'de')).toBe('15 Minuten');
    expect(formatDuration(30, 'de')).toBe('30 Sekunden');
  });
});
