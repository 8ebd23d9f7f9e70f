/**
 * The login screen: credentials, then the second factor when the appliance asks for it, and the
 * "forgot password" request when the site allows resets. Messages for wrong passwords, locked and
 * disabled accounts come from the error code; a revoked session explains itself here.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../src-shared/api-error.js';
import { errorMessage } from '../../lib/error-message.js';
import { CeremonyFailure } from '../../lib/webauthn.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { useSiteStore } from '../../stores/site-store.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';
import { CredentialsForm } from './CredentialsForm.js';
import { ForgotPasswordForm } from './ForgotPasswordForm.js';
import { LoginCard } from './LoginCard.js';
import { PasskeySignInButton, usePasskeySignInAvailable } from './PasskeySignIn.js';
import { SecondFactorForm } from './SecondFactorForm.js';
import { SignInOptions } from './SignInOptions.js';

/** `intro`: what the screen is for when it is not the plain login (e.g. signing the desktop console in). */
export function LoginScreen({ intro }: { intro?: ReactNode } = {}) {
  const { t, i18n } = useTranslation();
  const site = useSiteStore((s) => s.site);
  const { step, error, notice } = useAuthStore();
  const [forgot, setForgot] = useState(false);
  const passkeys = usePasskeySignInAvailable();
  const message =
    error instanceof CeremonyFailure
      ? t(`passkeyCeremony.${error.reason}`)
      : error
        ? errorMessage(t, error, i18n.language)
        : undefined;
  const secondFactorError = step === 'second_factor' && isApiError(error) && error.code === 'otp_invalid';

  return (
    <LoginCard
      titleId="login-title"
      product={t('app.title')}
      title={site?.site_name ?? ''}
      footer={<p className="login__footer">{site ? t('app.version', { version: site.software_version }) : ''}</p>}
    >
      {intro}
      {notice && !error && (
        <Alert kind="info">
          {notice.kind === 'revoked' ? t(`login.revoked.${notice.reason}`) : t('login.loggedOut')}
        </Alert>
      )}
      {message && !secondFactorError && (
        <Alert kind="error" id="login-error">
          {message}
        </Alert>
      )}
      {forgot ? (
        <ForgotPasswordForm onDone={() => setForgot(false)} />
      ) : step === 'second_factor' ? (
        <SecondFactorForm error={secondFactorError ? message : undefined} />
      ) : (
        <>
          {site?.sso_required_for_non_admins && <Alert kind="info">{t('login.ssoRequired')}</Alert>}
          <CredentialsForm errorId={message ? 'login-error' : undefined} />
          {passkeys && <PasskeySignInButton />}
          <SignInOptions divider={!passkeys} />
        </>
      )}
      {!forgot && step === 'credentials' && site?.password_reset_enabled && (
        <div className="form__links">
          <Button variant="link" onClick={() => setForgot(true)}>
            {t('login.forgot')}
          </Button>
        </div>
      )}
    </LoginCard>
  );
}
