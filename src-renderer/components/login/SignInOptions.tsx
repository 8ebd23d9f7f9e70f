/**
 * The login screen's other ways in, below the password form. The desktop console offers "Sign in
 * with your browser" (every method the site has, passkeys and single sign-on included, runs there)
 * and waits while the person is in the browser.
 */
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { Button } from '../ui/Button.js';

/** `divider`: draw the "or" line (false when another way in above already drew it). */
export function SignInOptions({ divider = true }: { divider?: boolean }) {
  const { t } = useTranslation();
  const { browserWaiting, busy, signInWithBrowser, cancelBrowserSignIn } = useAuthStore();
  if (host().kind !== 'desktop') return null;

  if (browserWaiting)
    return (
      <div className="login__alternative" role="status">
        <p>{t('login.browserWaiting')}</p>
        <Button className="btn--block" onClick={() => void cancelBrowserSignIn()}>
          {t('login.browserCancel')}
        </Button>
      </div>
    );
  return (
    <div className="login__alternative">
      {divider && (
        <p className="login__or" aria-hidden="true">
          <span>{t('login.or')}</span>
        </p>
      )}
      <Button className="btn--block" disabled={busy} onClick={() => void signInWithBrowser()}>
        {t('login.browser')}
      </Button>
    </div>
  );
}
