/**
 * The login screen's other ways in, below the password form: "Sign in with {name}" for each
 * identity provider the site has turned on (in the browser it goes there; the desktop console
 * opens the system browser at that provider), and on the desktop "Sign in with your browser"
 * (every method the site has, passkeys and single sign-on included, runs there), waiting while
 * the person is in the browser.
 */
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { useSiteStore } from '../../stores/site-store.js';
import { Button } from '../ui/Button.js';

/** `divider`: draw the "or" line (false when another way in above already drew it). */
export function SignInOptions({ divider = true }: { divider?: boolean }) {
  const { t } = useTranslation();
  const { browserWaiting, busy, signInWithBrowser, cancelBrowserSignIn } = useAuthStore();
  const providers = useSiteStore((s) => s.site?.identity_providers ?? []);
  const desktop = host().kind === 'desktop';
  if (!desktop && providers.length === 0) return null;

  if (browserWaiting && desktop)
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
      {providers.map((p) => (
        <Button
          key={p.id}
          className="btn--block"
          disabled={busy || browserWaiting}
          onClick={() => void signInWithBrowser(p.id)}
        >
          {t('login.withProvider', { name: p.name })}
        </Button>
      ))}
      {desktop && (
        <Button className="btn--block" disabled={busy} onClick={() => void signInWithBrowser()}>
          {t('login.browser')}
        </Button>
      )}
    </div>
  );
}
