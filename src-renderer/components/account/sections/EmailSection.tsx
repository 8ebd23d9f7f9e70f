import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../src-shared/api-error.js';
import { errorMessage } from '../../../lib/error-message.js';
import { useAccountStore } from '../../../stores/account-store.js';
import { useSiteStore } from '../../../stores/site-store.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field, SelectField } from '../../ui/Field.js';
import { Section } from '../../ui/Section.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Address, the /login password (not the mail password), and the mail language when the site has several. */
export function EmailSection() {
  const { t, i18n } = useTranslation();
  const account = useAccountStore((s) => s.account)!;
  const changeEmail = useAccountStore((s) => s.changeEmail);
  const site = useSiteStore((s) => s.site)!;
  const [address, setAddress] = useState(account.email_address ?? '');
  const [language, setLanguageChoice] = useState(account.preferred_email_language ?? site.default_language);
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ address?: string; password?: string }>({});
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const multilingual = site.languages.length > 1;

  const addressError =
    errors.address ?? (submitted && !EMAIL.test(address.trim()) ? t('email.invalidAddress') : undefined);
  const passwordError = errors.password ?? (submitted && !password ? t('common.required') : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setErrors({});
    setResult(undefined);
    if (!EMAIL.test(address.trim()) || !password) return;
    setBusy(true);
    try {
      await changeEmail({
        email_address: address.trim(),
        current_password: password,
        ...(multilingual ? { preferred_email_language: language } : {}),
      });
      setPassword('');
      setSubmitted(false);
      setResult({ ok: true, text: t('email.saved') });
    } catch (err) {
      const message = errorMessage(t, err, i18n.language);
      if (isApiError(err) && err.code === 'invalid_credentials') setErrors({ password: t('password.wrongCurrent') });
      else if (isApiError(err) && err.code === 'validation_failed') setErrors({ address: t('email.invalidAddress') });
      else setResult({ ok: false, text: message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section id="email" title={t('nav.email')} intro={t('email.intro')}>
      <form className="form card" onSubmit={submit} noValidate>
        <Field
          label={t('email.address')}
          hint={t('email.addressHint')}
          name="email_address"
          type="email"
          autoComplete="email"
          required
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={addressError}
        />
        <Field
          label={t('email.password')}
          hint={t('email.passwordHint')}
          name="current_password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
        />
        {multilingual && (
          <SelectField
            label={t('email.language')}
            hint={t('email.languageHint')}
            name="preferred_email_language"
            value={language}
            onChange={setLanguageChoice}
            options={site.languages.map((l) => ({ value: l, label: t(`languages.${l}`, { defaultValue: l }) }))}
          />
        )}
        {result && <Alert kind={result.ok ? 'success' : 'error'}>{result.text}</Alert>}
        <div className="form__actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t('email.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
