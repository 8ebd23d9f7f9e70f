import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluatePassword } from '../../../../src-shared/password-policy.js';
import { isApiError } from '../../../../src-shared/errors.js';
import { errorMessage } from '../../../lib/error-message.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { Section } from '../../ui/Section.js';
import { PasswordChecklist } from './PasswordChecklist.js';
import { type PolicyRefusal, policyRefusal } from '../../../lib/policy-refusal.js';
import { useStrengthEstimator } from '../../../lib/use-strength-estimator.js';

/** Username, current, new and confirm; paste and password managers work (plain inputs, autocomplete hints). */
export function PasswordSection() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const changePassword = useAccountStore((s) => s.changePassword);
  const site = useSiteStore((s) => s.site)!;
  const policy = site.password_policy;
  const estimator = useStrengthEstimator(policy.block_common_passwords);
  const [username, setUsername] = useState(account.username);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<PolicyRefusal>();
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; current?: string }>({});
  const [result, setResult] = useState<{ ok: boolean; text: string }>();

  const evaluation = useMemo(
    () =>
      evaluatePassword(next, policy, {
        username,
        userInputs: [
          account.private_display_name,
          account.public_display_name,
          account.email_address ?? '',
          site.site_name,
        ],
        estimator,
      }),
    [next, policy, username, account, site.site_name, estimator],
  );
  const mismatch = confirm.length > 0 && confirm !== next;
  const confirmError = mismatch || (submitted && confirm !== next) ? t('password.mismatch') : undefined;
  const rulesError =
    submitted && !evaluation.ok ? t('password.fixRules') : refusal ? t('errors.password_policy') : undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setResult(undefined);
    setFieldErrors({});
    if (!evaluation.ok || confirm !== next || !current || !username) return;
    setBusy(true);
    try {
      await changePassword({ username: username.trim(), current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      setRefusal(undefined);
      setResult({ ok: true, text: t('password.changed') });
    } catch (err) {
      const message = errorMessage(t, err, i18n.language);
      if (isApiError(err) && err.code === 'password_policy') {
        setRefusal(policyRefusal(err));
      } else if (isApiError(err) && err.code === 'invalid_credentials') {
        setFieldErrors({ current: t('password.wrongCurrent') });
      } else if (isApiError(err) && err.code === 'username_mismatch') {
        setFieldErrors({ username: message });
      } else {
        setResult({ ok: false, text: message });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="password" title={t('nav.password')} intro={t('password.intro')}>
      <form className="form card" onSubmit={submit} noValidate>
        <Field
          label={t('password.username')}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
          hint={t('password.usernameHint')}
          required
        />
        <Field
          label={t('password.current')}
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => {
            setCurrent(e.target.value);
            setFieldErrors({});
          }}
          error={fieldErrors.current ?? (submitted && !current ? t('common.required') : undefined)}
        />
        <Field
          label={t('password.new')}
          name="new_password"
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => {
            setNext(e.target.value);
            setRefusal(undefined);
          }}
          error={rulesError}
          aria-describedby={`password-rules${rulesError ? ' new-password-error' : ''}`}
          id="new-password"
        />
        <PasswordChecklist
          id="password-rules"
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
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={confirmError}
        />
        {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('password.submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
