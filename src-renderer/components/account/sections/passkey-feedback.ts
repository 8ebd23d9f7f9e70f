/** What the Passkeys section says after a call or a ceremony, shared by its forms. */
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../src-shared/api-error.js';
import { errorMessage } from '../../../lib/error-message.js';
import { CeremonyFailure } from '../../../lib/webauthn.js';

export type Result = { ok: boolean; text: string };

/** The sentence for a failed call (by its error code) or ceremony (by what the person did). */
export function usePasskeyErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err) =>
    err instanceof CeremonyFailure ? t(`passkeyCeremony.${err.reason}`) : errorMessage(t, err, i18n.language);
}

/** The appliance wants the password again (no sign-in within the last five minutes). */
export const needsPassword = (err: unknown): boolean => isApiError(err) && err.code === 'recent_sign_in_required';
