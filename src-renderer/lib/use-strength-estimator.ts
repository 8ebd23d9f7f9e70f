/**
 * The password-strength estimator for the password screens. Its dictionaries (about 1 MB) are a
 * chunk of their own that only a password screen asks for, so the login screen does not load them;
 * until they arrive the checklist shows the two rules that need them as pending.
 */
import { useEffect, useState } from 'react';
import { loadStrengthEstimator, type StrengthEstimator } from '../../src-shared/password-strength.js';

export function useStrengthEstimator(enabled: boolean): StrengthEstimator | undefined {
  const [estimator, setEstimator] = useState<StrengthEstimator>();
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadStrengthEstimator().then(
      (e) => live && setEstimator(() => e),
      () => undefined, // the appliance still checks; the rules stay "checked when you save"
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return enabled ? estimator : undefined;
}
