/**
 * The second step after the password: every factor the appliance offers for this account and
 * console (`otp_required`'s methods). A passkey (where the page can run the ceremony), the
 * authenticator code, or a recovery code instead.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';

export function SecondFactorForm({ error }: { error: string | undefined }) {
  const { t } = useTranslation();
  const { busy, pending, submitSecondFactor, secondFactorWithPasskey, backToCredentials } = useAuthStore();
  const methods = pending?.step.methods ?? [];
  const passkey = methods.includes('passkey') && !!host().passkeys;
  const totp = methods.includes('totp');
  const recovery = methods.includes('recovery_code');
  const [useRecovery, setUseRecovery] = useState(!totp && recovery);
  const [code, setCode] = useState('');
  const codes = totp || recovery;

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = code.replace(/\s+/g, '');
    if (!value) return;
    void submitSecondFactor(useRecovery ? { recovery_code: value } : { otp_code: value });
  }

  return (
    <div className="form">
      <h2 className="login__step">{t('login.otpTitle')}</h2>
      {passkey && (
        <div className="form">
          <p className="muted">{t('login.passkeyIntro')}</p>
          <Button
            variant={codes ? 'secondary' : 'primary'}
            className="btn--block"
            busy={busy}
            onClick={() => void secondFactorWithPasskey()}
          >
            {t('login.usePasskey')}
          </Button>
        </div>
      )}
      {passkey && codes && (
        <p className="login__or" aria-hidden="true">
          <span>{t('login.or')}</span>
        </p>
      )}
      {codes && (
        <form id="second-factor-form" className="form" onSubmit={submit}>
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
        </form>
      )}
      <div className="form__links">
        {totp && recovery && (
          <Button
            variant="link"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setCode('');
            }}
          >
            {useRecovery ? t('login.useOtp') : t('login.useRecovery')}
          </Button>
        )}
        <Button variant="link" onClick={backToCredentials}>
          {t('login.back')}
        </Button>
      </div>
    </div>
  );
}
