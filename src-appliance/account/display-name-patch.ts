import { applyDisplayNameChange, checkDisplayName, type DisplayNames } from '../../src-shared/display-names.js';
import { httpError } from '../http/api-error.js';

/**
 * Validates the given names (1–64 characters after trimming, no control characters) and applies the
 * sync rule. Throws `400 validation_failed` with `details.field` and `details.problem`.
 */
export function patchDisplayNames(
  current: DisplayNames,
  change: { private_display_name?: string; public_display_name?: string },
): DisplayNames {
  const clean: { private_display_name?: string; public_display_name?: string } = {};
  for (const field of ['private_display_name', 'public_display_name'] as const) {
    const raw = change[field];
    if (raw === undefined) continue;
    const { value, problem } = checkDisplayName(raw);
    if (problem)
      throw httpError(400, 'validation_failed', `The ${field.replace(/_/g, ' ')} is not valid (${problem}).`, {
        field,
        problem,
      });
    clean[field] = value;
  }
  return applyDisplayNameChange(current, clean);
}
