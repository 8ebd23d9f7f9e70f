/**
 * "Sign in with a passkey" on the login screen, where the site allows it and the page can run the
 * ceremony (the web console in a browser with WebAuthn): a button for the browser's passkey
 * dialog, and the hook by which the username field also offers the passkeys in its autofill.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../../host/host.js';
import { browserHasWebAuthn, browserOffersPasskeyAutofill } from '../../lib/webauthn.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { useSiteStore } from '../../stores/site-store.js';
import { Button } from '../ui/Button.js';

export function usePasskeySignInAvailable(): boolean {
  const allowed = useSiteStore((s) => s.site?.passkey_sign_in ?? false);
  return allowed && !!host().passkeys && browserHasWebAuthn();
}

/** While mounted (the credentials step), the username field's suggestions include the passkeys. */
export function usePasskeyAutofill(available: boolean): void {
  const offer = useAuthStore((s) => s.offerPasskeyAutofill);
  useEffect(() => {
    if (!available) return;
    let mounted = true;
    void browserOffersPasskeyAutofill().then((yes) => {
      if (yes && mounted) offer(true);
    });
    return () => {
      mounted = false;
      offer(false);
    };
  }, [available, offer]);
}

export function PasskeySignInButton() {
  const { t } = useTranslation();
  const busy = useAuthStore((s) => s.busy);
  const signIn = useAuthStore((s) => s.signInWithPasskey);
  return (
    <div className="login__alternative">
      <p className="login__or" aria-hidden="true">
        <span>{t('login.or')}</span>
      </p>
      <Button className="btn--block" busy={busy} onClick={() => void signIn()}>
        {t('login.passkeySignIn')}
      </Button>
    </div>
  );
}
