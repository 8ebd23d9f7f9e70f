import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { errorMessage } from '../../lib/error-message.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';

/** Requests a reset link. The answer is the same whether or not the account exists. */
export function ForgotPasswordForm({ onDone }: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<string>();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setState('busy');
    setError(undefined);
    try {
      await host().requestPasswordReset({ username_or_email: value.trim() });
      setState('sent');
    } catch (err) {
      setError(errorMessage(t, err, i18n.language));
      setState('idle');
    }
  }

  return (
    <form className="form" onSubmit={submit}>
      <h2 className="login__step">{t('login.forgotTitle')}</h2>
      {state === 'sent' ? (
        <Alert kind="success">{t('login.resetSent')}</Alert>
      ) : (
        <>
          <p className="muted">{t('login.forgotIntro')}</p>
          <Field
            label={t('login.usernameOrEmail')}
            name="username_or_email"
            autoComplete="username"
            required
            autoFocus
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={error}
          />
          <Button type="submit" variant="primary" className="btn--block" busy={state === 'busy'}>
            {t('login.sendLink')}
          </Button>
        </>
      )}
      <div className="form__links">
        <Button variant="link" onClick={onDone}>
          {t('login.backToLogin')}
        </Button>
      </div>
    </form>
  );
}
