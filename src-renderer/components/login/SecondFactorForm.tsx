import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../../stores/auth-store.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';

/** The authenticator code, or a recovery code instead, after the password was accepted. */
export function SecondFactorForm({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const { busy, submitSecondFactor, backToCredentials } = useAuthStore();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!value) return;
    void submitSecondFactor(useRecovery ? { recovery_code: value } : { otp_code: value });
  }

  return (
    <form id="second-factor-form" className="form" onSubmit={submit}>
      <h2 className="login__step">{t('login.otpTitle')}</h2>
      <p className="muted">{useRecovery ? t('login.recoveryIntro') : t('login.otpIntro')}</p>
      {useRecovery ? (
        <Field
          key="recovery"
          label={t('login.recoveryCode')}
          name="recovery_code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error}
        />
      ) : (
        <Field
          key="otp"
          label={t('login.otpCode')}
          name="otp_code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]{6,7}"
          maxLength={7}
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error}
        />
      )}
      <Button type="submit" variant="primary" className="btn--block" busy={busy}>
        {t('login.verify')}
      </Button>
      <div className="form__links">
        <Button
          variant="link"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setCode('');
          }}
        >
          {useRecovery ? t('login.useOtp') : t('login.useRecovery')}
        </Button>
        <Button variant="link" onClick={backToCredentials}>
          {t('login.back')}
        </Button>
      </div>
    </form>
  );
}
