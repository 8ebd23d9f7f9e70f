/**
 * The page the reset mail links to (`/console/#/password-reset?token=…`): a new password with the
 * site's live checklist, sent with the token. Loaded lazily: it shares the checklist and its texts
 * with My Account.
 */
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluatePassword } from '../../../src-shared/password-policy.js';
import { isApiError } from '../../../src-shared/errors.js';
import { host } from '../../host/host.js';
import { registerAccountTexts } from '../../i18n/account-texts.js';
import { errorMessage } from '../../lib/error-message.js';
import { type PolicyRefusal, policyRefusal } from '../../lib/policy-refusal.js';
import { useStrengthEstimator } from '../../lib/use-strength-estimator.js';
import { useSiteStore } from '../../stores/site-store.js';
import { PasswordChecklist } from '../account/sections/PasswordChecklist.js';
import { LoginCard } from '../login/LoginCard.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';

registerAccountTexts();

export default function ResetPasswordScreen({ token, onDone }: { token: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site)!;
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<PolicyRefusal>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const estimator = useStrengthEstimator(site.password_policy.block_common_passwords);
  // The account is not known before the token is spent: the appliance adds its names when it checks.
  const evaluation = useMemo(
    () => evaluatePassword(next, site.password_policy, { userInputs: [site.site_name], estimator }),
    [next, site.password_policy, site.site_name, estimator],
  );
  const confirmError =
    (confirm && confirm !== next) || (submitted && confirm !== next) ? t('password.mismatch') : undefined;
  const rulesError =
    submitted && !evaluation.ok ? t('password.fixRules') : refusal ? t('errors.password_policy') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setResult(undefined);
    if (!evaluation.ok || confirm !== next) return;
    setBusy(true);
    try {
      await host().confirmPasswordReset({ token, new_password: next });
      setResult({ ok: true, text: t('login.resetDone') });
    } catch (err) {
      if (isApiError(err) && err.code === 'password_policy') setRefusal(policyRefusal(err));
      else setResult({ ok: false, text: errorMessage(t, err, i18n.language) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <LoginCard titleId="reset-title" product={site.site_name} title={t('login.resetTitle')}>
      {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
      {result?.ok ? (
        <Button variant="primary" className="btn--block" onClick={onDone}>
          {t('login.goToLogin')}
        </Button>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p className="muted">{t('login.resetIntro')}</p>
          <Field
            id="reset-new"
            label={t('password.new')}
            name="new_password"
            type="password"
            autoComplete="new-password"
            autoFocus
            value={next}
            onChange={(e) => {
              setNext(e.target.value);
              setRefusal(undefined);
            }}
            error={rulesError}
            aria-describedby={`reset-rules${rulesError ? ' reset-new-error' : ''}`}
          />
          <PasswordChecklist
            id="reset-rules"
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
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={confirmError}
          />
          <Button type="submit" variant="primary" className="btn--block" busy={busy}>
            {t('login.resetSubmit')}
          </Button>
          <div className="form__links">
            <Button variant="link" onClick={onDone}>
              {t('login.backToLogin')}
            </Button>
          </div>
        </form>
      )}
    </LoginCard>
  );
}
