/**
 * What a password must meet under the rules as the admin is setting them: a sample password
 * checked by the evaluator My Account's password change uses (src-shared/password-policy.ts), with
 * the same checklist. The sample never leaves the page.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PasswordPolicy, MAX_PASSWORD_LENGTH, type SecuritySettings } from '../../../src-shared/api/site.js';
import { evaluatePassword } from '../../../src-shared/password-policy.js';
import { useStrengthEstimator } from '../../lib/use-strength-estimator.js';
import { Field } from '../ui/Field.js';
import { PasswordChecklist } from '../account/sections/PasswordChecklist.js';
import { type SecurityDraft, valuesOf } from './security-draft.js';

/** The draft's password rules; a field that does not hold a valid number yet keeps the stored value. */
function policyOf(draft: SecurityDraft, stored: SecuritySettings): PasswordPolicy {
  const v = valuesOf(draft);
  const num = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isInteger(x) ? x : fallback);
  return {
    min_password_length: num(v.min_password_length, stored.min_password_length),
    max_password_length: MAX_PASSWORD_LENGTH,
    require_complex_passwords: draft.require_complex_passwords,
    block_common_passwords: draft.block_common_passwords,
    min_password_strength: num(v.min_password_strength, stored.min_password_strength),
    password_history: num(v.password_history, stored.password_history),
  };
}

export function PasswordRulesPreview({ draft, stored }: { draft: SecurityDraft; stored: SecuritySettings }) {
  const { t } = useTranslation();
  const [sample, setSample] = useState('');
  const policy = policyOf(draft, stored);
  const estimator = useStrengthEstimator(policy.block_common_passwords);
  const evaluation = useMemo(
    () => evaluatePassword(sample, policy, { estimator }),
    [sample, JSON.stringify(policy), estimator],
  );
  return (
    <div className="password-preview" aria-labelledby="password-preview-title" role="group">
      <p className="password-preview__title" id="password-preview-title">
        {t('security.preview.title')}
      </p>
      <p className="muted">{t('security.preview.intro')}</p>
      <Field
        id="security-preview-password"
        label={t('security.preview.label')}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        aria-describedby="security-preview-rules"
      />
      <PasswordChecklist
        id="security-preview-rules"
        evaluation={evaluation}
        serverFailed={[]}
        hasInput={sample !== ''}
      />
    </div>
  );
}
