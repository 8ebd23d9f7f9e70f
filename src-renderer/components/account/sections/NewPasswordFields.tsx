/**
 * A new password and its confirmation, with the site's live checklist: what My Account's password
 * change and the reset link's page both ask for. `useNewPassword` holds the two values, the live
 * evaluation and the appliance's refusal; `NewPasswordFields` shows them.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluatePassword, type PasswordEvaluation } from '../../../../src-shared/password-policy.js';
import { type PolicyRefusal } from '../../../lib/policy-refusal.js';
import { useStrengthEstimator } from '../../../lib/use-strength-estimator.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { Field } from '../../ui/Field.js';
import { PasswordChecklist } from './PasswordChecklist.js';

export interface NewPassword {
  next: string;
  confirm: string;
  evaluation: PasswordEvaluation;
  refusal: PolicyRefusal | undefined;
  /** Set once a submit was tried, so empty or failing fields then say so. */
  submitted: boolean;
  setNext(value: string): void;
  setConfirm(value: string): void;
  setRefusal(refusal: PolicyRefusal | undefined): void;
  setSubmitted(submitted: boolean): void;
  /** Both values may be sent: the rules checked here pass and the confirmation matches. */
  acceptable: boolean;
  clear(): void;
}

/** `knownWords` (names, e-mail, the site name) count against the password's strength. */
export function useNewPassword(opts: { username?: string; knownWords: string[] }): NewPassword {
  const site = useSiteStore((s) => s.site)!;
  const policy = site.password_policy;
  const estimator = useStrengthEstimator(policy.block_common_passwords);
  const [next, setNextValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [refusal, setRefusal] = useState<PolicyRefusal>();
  const [submitted, setSubmitted] = useState(false);
  const { username, knownWords } = opts;
  // Callers build the list on each render: its contents, not its identity, decide re-evaluation.
  const knownWordsKey = knownWords.join('\u0000');
  const evaluation = useMemo(
    () => evaluatePassword(next, policy, { username, userInputs: knownWords, estimator }),
    [next, policy, username, knownWordsKey, estimator],
  );
  return {
    next,
    confirm,
    evaluation,
    refusal,
    submitted,
    setNext(value) {
      setNextValue(value);
      setRefusal(undefined);
    },
    setConfirm,
    setRefusal,
    setSubmitted,
    acceptable: evaluation.ok && confirm === next,
    clear() {
      setNextValue('');
      setConfirm('');
      setRefusal(undefined);
      setSubmitted(false);
    },
  };
}

export function NewPasswordFields({
  state,
  idPrefix,
  required,
  autoFocus,
}: {
  state: NewPassword;
  /** Distinguishes the field and checklist ids (`<prefix>-new`, `<prefix>-rules`). */
  idPrefix: string;
  required?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { next, confirm, evaluation, refusal, submitted } = state;
  const confirmError =
    (confirm && confirm !== next) || (submitted && confirm !== next) ? t('password.mismatch') : undefined;
  const rulesError =
    submitted && !evaluation.ok ? t('password.fixRules') : refusal ? t('errors.password_policy') : undefined;
  const fieldId = `${idPrefix}-new`;
  const rulesId = `${idPrefix}-rules`;
  return (
    <>
      <Field
        id={fieldId}
        label={t('password.new')}
        name="new_password"
        type="password"
        autoComplete="new-password"
        autoFocus={autoFocus}
        required={required}
        value={next}
        onChange={(e) => state.setNext(e.target.value)}
        error={rulesError}
        aria-describedby={`${rulesId}${rulesError ? ` ${fieldId}-error` : ''}`}
      />
      <PasswordChecklist
        id={rulesId}
        evaluation={evaluation}
        serverFailed={refusal?.failed ?? []}
        serverStrength={refusal?.strength}
        hasInput={next.length > 0}
      />
      <Field
        label={t('password.confirm')}
        name="confirm_password"
        type="password"
        autoComplete="new-password"
        required={required}
        value={confirm}
        onChange={(e) => state.setConfirm(e.target.value)}
        error={confirmError}
      />
    </>
  );
}
