import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../../src-shared/api-error.js';
import { errorMessage } from '../../../lib/error-message.js';
import { Alert } from '../../ui/Alert.js';
import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';

/** What the form collected; a field it did not show is ''. */
export interface ProofValues {
  current_password: string;
  code: string;
  current_code: string;
}

type FieldErrors = { password?: string; code?: string; currentCode?: string; other?: string };

/**
 * The password plus codes: a code from the app (`withCode`: activate, disable, regenerate) and,
 * while switching to a new app, the current factor too (`withCurrentCode`: a code from the app in
 * use now or an unused recovery code).
 */
export function ProofForm({
  idPrefix,
  submitLabel,
  variant = 'primary',
  withCode = true,
  withCurrentCode = false,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  submitLabel: string;
  variant?: 'primary' | 'danger';
  withCode?: boolean;
  withCurrentCode?: boolean;
  onSubmit(proof: ProofValues): Promise<void>;
  onCancel?(): void;
}) {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [currentCode, setCurrentCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = code.replace(/\s+/g, '');
    const current = currentCode.trim();
    const next: FieldErrors = {
      password: password ? undefined : t('common.required'),
      code: !withCode || /^\d{6}$/.test(clean) ? undefined : t('twoFactor.codeFormat'),
      currentCode: !withCurrentCode || current ? undefined : t('twoFactor.currentCodeFormat'),
    };
    setErrors(next);
    if (next.password || next.code || next.currentCode) return;
    setBusy(true);
    try {
      await onSubmit({ current_password: password, code: withCode ? clean : '', current_code: current });
    } catch (err) {
      setErrors(errorsFor(err));
      setBusy(false);
      return;
    }
    setBusy(false);
  }

  function errorsFor(err: unknown): FieldErrors {
    const message = errorMessage(t, err, i18n.language);
    if (!isApiError(err)) return { other: message };
    if (err.code === 'invalid_credentials') return { password: t('password.wrongCurrent') };
    const aboutCurrent =
      err.code === 'current_factor_required' || (err.code === 'otp_invalid' && err.details.field === 'current_code');
    if (withCurrentCode && aboutCurrent) return { currentCode: message };
    if (err.code === 'otp_invalid' && withCode) return { code: message };
    return { other: message };
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
        {withCurrentCode && (
          <Field
            id={`${idPrefix}-current-code`}
            label={t('twoFactor.currentCode')}
            hint={t('twoFactor.currentCodeHint')}
            name="current_code"
            autoComplete="off"
            maxLength={64}
            value={currentCode}
            onChange={(e) => setCurrentCode(e.target.value)}
            error={errors.currentCode}
          />
        )}
        {withCode && (
          <Field
            id={`${idPrefix}-code`}
            label={withCurrentCode ? t('twoFactor.newCode') : t('twoFactor.code')}
            hint={t('twoFactor.codeHint')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={errors.code}
          />
        )}
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
