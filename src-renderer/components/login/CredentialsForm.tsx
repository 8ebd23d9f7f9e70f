import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuthStore } from '../../stores/auth-store.js';
import { Button } from '../ui/Button.js';
import { Field } from '../ui/Field.js';
import { focusAfterFirstPaint } from '../ui/focus-after-paint.js';
import { usePasskeyAutofill, usePasskeySignInAvailable } from './PasskeySignIn.js';

/**
 * Username and password. The error from the appliance is tied to the password field. Where the
 * site allows passkey sign-in, the username field also offers the passkeys (autocomplete
 * "username webauthn").
 */
export function CredentialsForm({ errorId }: { errorId: string | undefined }) {
  const { t } = useTranslation();
  const { busy, submitCredentials } = useAuthStore();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const passkeys = usePasskeySignInAvailable();
  usePasskeyAutofill(passkeys);
  useEffect(() => focusAfterFirstPaint(() => form.current?.elements.namedItem('username')), []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!username || !password) return;
    void submitCredentials(username.trim(), password);
  }

  return (
    <form ref={form} id="login-form" className="form" onSubmit={submit} aria-describedby={errorId}>
      <Field
        label={t('login.username')}
        name="username"
        autoComplete={passkeys ? 'username webauthn' : 'username'}
        autoCapitalize="none"
        spellCheck={false}
        required
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <Field
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aria-errormessage={errorId}
      />
      <Button type="submit" variant="primary" className="btn--block" busy={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}
