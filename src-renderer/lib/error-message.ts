/** Turns an ApiError into a sentence in the current language, by its stable code. */
import { type TFunction } from 'i18next';
import { isApiError } from '../../src-shared/api-error.js';
import { formatDuration } from '../i18n/format.js';

export function errorMessage(t: TFunction, err: unknown, language: string): string {
  if (!isApiError(err)) return t('errors.generic', { code: 'client' });
  if (err.code === 'account_locked') {
    const seconds = err.details.retry_after_seconds;
    return typeof seconds === 'number' && seconds > 0
      ? t('errors.account_locked_for', { time: formatDuration(seconds, language) })
      : t('errors.account_locked_admin');
  }
  const key = `errors.${err.code}`;
  const text = t(key, { defaultValue: '' });
  return text || t('errors.generic', { code: err.code });
}
