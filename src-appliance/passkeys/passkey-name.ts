import { checkDisplayName } from '../../src-shared/display-names.js';
import { httpError } from '../http/api-error.js';

/**
 * A passkey's name follows the display-name rules (1–64 characters after trimming, no control or
 * bidi characters): it is shown in lists and in security mails. `400 validation_failed` otherwise.
 */
export function cleanPasskeyName(raw: string): string {
  const { value, problem } = checkDisplayName(raw);
  if (problem)
    throw httpError(400, 'validation_failed', `The passkey name is not valid (${problem}).`, {
      field: 'name',
      problem,
    });
  return value;
}
