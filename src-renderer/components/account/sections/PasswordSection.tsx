import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../src-shared/api-error.js';
import { errorMessage } from '../../../lib/error-message.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { Section } from '../../ui/Section.js';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields.js';
import { policyRefusal } from '../../../lib/policy-refusal.js';
import { ProviderManaged } from './ProviderManaged.js';

/** The password change, or, for a person without a local password here, where their password lives. */
export function PasswordSection() {
  const { t } = useTranslation();
  const local = useAccountStore((s) => s.account?.local_password ?? true);
  return local ? <PasswordChange /> : <ProviderManaged id="password" title={t('nav.password')} />;
}

/** Username, current, new and confirm; paste and password managers work (plain inputs, autocomplete hints). */
function PasswordChange() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const changePassword = useAccountStore((s) => s.changePassword);
  const site = useSiteStore((s) => s.site)!;
  const [username, setUsername] = useState(account.username);
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; current?: string }>({});
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const password = useNewPassword({
    username,
    knownWords: [
      account.private_display_name,
      account.public_display_name,
      account.email_address ?? '',
      site.site_name,
    ],
  });
  const submitted = password.submitted;

  async function submit(e: FormEvent) {
    e.preventDefault();
    password.setSubmitted(true);
    setResult(undefined);
    setFieldErrors({});
    if (!password.acceptable || !current || !username) return;
    setBusy(true);
    try {
      await changePassword({ username: username.trim(), current_password: current, new_password: password.next });
      setCurrent('');
      password.clear();
      setResult({ ok: true, text: t('password.changed') });
    } catch (err) {
      const message = errorMessage(t, err, i18n.language);
      if (isApiError(err) && err.code === 'password_policy') {
        password.setRefusal(policyRefusal(err));
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
        <NewPasswordFields state={password} idPrefix="password" required />
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
