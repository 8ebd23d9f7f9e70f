import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type TwoFactorProof } from '../../../../src-shared/api/two-factor.js';
import { isApiError } from '../../../../src-shared/errors.js';
import { errorMessage } from '../../../lib/error-message.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';

/** Password + current authenticator code: what activate, disable and regenerate all ask for. */
export function ProofForm({
  idPrefix,
  submitLabel,
  variant = 'primary',
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  submitLabel: string;
  variant?: 'primary' | 'danger';
  onSubmit(proof: TwoFactorProof): Promise<void>;
  onCancel?(): void;
}) {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ password?: string; code?: string; other?: string }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = code.replace(/\s+/g, '');
    const next = {
      password: password ? undefined : t('common.required'),
      code: /^\d{6}$/.test(clean) ? undefined : t('twoFactor.codeFormat'),
    };
    setErrors(next);
    if (next.password || next.code) return;
    setBusy(true);
    try {
      await onSubmit({ current_password: password, code: clean });
    } catch (err) {
      const message = errorMessage(t, err, i18n.language);
      if (isApiError(err) && err.code === 'invalid_credentials') setErrors({ password: t('password.wrongCurrent') });
      else if (isApiError(err) && err.code === 'otp_invalid') setErrors({ code: message });
      else setErrors({ other: message });
      setBusy(false);
      return;
    }
    setBusy(false);
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="row">
        <Field
          id={`${idPrefix}-password`}
          label={t('twoFactor.password')}
          name="current_password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <Field
          id={`${idPrefix}-code`}
          label={t('twoFactor.code')}
          hint={t('twoFactor.codeHint')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.code}
        />
      </div>
      {errors.other && <Alert kind="error">{errors.other}</Alert>}
      <div className="form__actions">
        <Button type="submit" variant={variant} busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </div>
    </form>
  );
}
