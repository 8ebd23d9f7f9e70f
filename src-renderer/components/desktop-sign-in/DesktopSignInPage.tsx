/**
 * The web console's part in the desktop console's sign-in through the browser (loaded only on
 * these addresses, see lib/sign-in-route.ts). For a request: someone not signed in here signs in
 * with any method the site has (the login screen), and the request is approved at once; someone
 * already signed in is asked once whether to sign the console in as themselves. The browser then
 * goes to the console's loopback callback, and the console sends it back to "done" or "failed".
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../../src-shared/api-error.js';
import { host } from '../../host/host.js';
import { errorMessage } from '../../lib/error-message.js';
import { leavePage } from '../../lib/leave-page.js';
import { type SignInRoute } from '../../lib/sign-in-route.js';
import { useAccountStore } from '../../stores/account-store.js';
import { useAuthStore } from '../../stores/auth-store.js';
import { LoginCard } from '../login/LoginCard.js';
import { LoginScreen } from '../login/LoginScreen.js';
import { Alert } from '../ui/Alert.js';
import { Button } from '../ui/Button.js';

type DesktopRoute = Exclude<SignInRoute, { kind: 'login-failed' }>;

function approvals() {
  const api = host().desktopSignIns;
  if (!api) throw new ApiError(0, 'not_found', 'Only the web console completes a desktop sign-in.');
  return api;
}

function Outcome({ error }: { error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  return (
    <LoginCard
      titleId="desktop-sign-in-title"
      product={t('app.title')}
      title={error ? t('desktopSignIn.failedTitle') : t('desktopSignIn.doneTitle')}
    >
      {error ? (
        <>
          <Alert kind="error">{errorMessage(t, error, i18n.language)}</Alert>
          <p className="muted">{t('desktopSignIn.again')}</p>
        </>
      ) : (
        <p>{t('desktopSignIn.doneText')}</p>
      )}
    </LoginCard>
  );
}

function Request({ request, error }: { request: string; error: ApiError | null }) {
  const { t, i18n } = useTranslation();
  const phase = useAuthStore((s) => s.phase);
  const account = useAccountStore((s) => s.account);
  // Signed in before this page opened: ask once. Signed in on it: that was the answer.
  const signedInBefore = useRef(phase === 'app');
  const [gone, setGone] = useState<ApiError | null>(null);
  const [leaving, setLeaving] = useState(false);

  useEffect(() => {
    useAuthStore.setState({ desktopRequest: request, ...(error ? { error } : {}) });
    approvals()
      .get(request)
      .catch((err: unknown) => setGone(isApiError(err) ? err : new ApiError(0, 'network_error', String(err))));
    return () => useAuthStore.setState({ desktopRequest: null });
  }, [request, error]);

  async function decide(approve: boolean) {
    setLeaving(true);
    try {
      const { redirect_to } = approve ? await approvals().approve(request) : await approvals().deny(request);
      leavePage(redirect_to);
    } catch (err) {
      setLeaving(false);
      setGone(isApiError(err) ? err : new ApiError(0, 'network_error', String(err)));
    }
  }

  useEffect(() => {
    if (phase === 'app' && !signedInBefore.current && !leaving) void decide(true);
  }, [phase]);

  if (gone) return <Outcome error={gone} />;
  if (phase !== 'app')
    return (
      <LoginScreen
        intro={
          <div className="desktop-sign-in__intro">
            <p>{t('desktopSignIn.intro')}</p>
            <Button variant="link" onClick={() => void decide(false)}>
              {t('desktopSignIn.deny')}
            </Button>
          </div>
        }
      />
    );
  return (
    <LoginCard titleId="desktop-sign-in-title" product={t('app.title')} title={t('desktopSignIn.title')}>
      {leaving ? (
        <p role="status">{t('desktopSignIn.leaving')}</p>
      ) : (
        <>
          <p>
            {t('desktopSignIn.confirm', {
              name: account?.private_display_name ?? '',
              username: account?.username ?? '',
            })}
          </p>
          <div className="form__actions">
            <Button variant="primary" onClick={() => void decide(true)}>
              {t('desktopSignIn.approve')}
            </Button>
            <Button onClick={() => void decide(false)}>{t('desktopSignIn.deny')}</Button>
          </div>
          {error && <Alert kind="error">{errorMessage(t, error, i18n.language)}</Alert>}
        </>
      )}
    </LoginCard>
  );
}

export default function DesktopSignInPage({ route }: { route: DesktopRoute }) {
  const asError = (code: string | null) => (code ? new ApiError(0, code as ApiError['code'], code) : null);
  if (route.kind === 'desktop-request') return <Request request={route.request} error={asError(route.error)} />;
  if (route.kind === 'desktop-done') return <Outcome error={null} />;
  return <Outcome error={asError(route.error) ?? new ApiError(0, 'internal_error', 'failed')} />;
}
