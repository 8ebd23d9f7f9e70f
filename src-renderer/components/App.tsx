/**
 * The top of the renderer: follows the host's events (stores/console-events.ts) and shows the login screen or My Account once
 * `useAuthStore.start()` (called by main.tsx before the first render) knows which. My Account is loaded lazily so the login screen's
 * JavaScript stays small.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { host } from '../host/host.js';
import { languageFor, setLanguage, storedLanguage } from '../i18n/i18n.js';
import { useAuthStore } from '../stores/auth-store.js';
import { applyConsoleEvent } from '../stores/console-events.js';
import { leaveSession } from '../stores/session-scope.js';
import { useSiteStore } from '../stores/site-store.js';
import { useUpdateStore } from '../stores/update-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { signInRoute } from '../lib/sign-in-route.js';
import { LoginScreen } from './login/LoginScreen.js';
import { Button } from './ui/Button.js';

const MyAccount = lazy(() => import('./account/MyAccount.js'));
const ResetPasswordScreen = lazy(() => import('./reset/ResetPasswordScreen.js'));
const SiteSetupScreen = lazy(() => import('./login/SiteSetupScreen.js')); // desktop only
const DesktopSignInPage = lazy(() => import('./desktop-sign-in/DesktopSignInPage.js')); // web console only
const UpdateNotice = lazy(() => import('./updates/UpdateNotice.js')); // desktop only, once main reports an update

/** The token of a reset link (`#/password-reset?token=…`); kept here so the start chunk stays small. */
function resetToken(): string | null {
  const m = /^#\/password-reset\?(.*)$/.exec(window.location.hash);
  return m ? new URLSearchParams(m[1]).get('token') : null;
}

function useConsoleEvents() {
  useEffect(() => host().onEvent(applyConsoleEvent), []);
}

/** The software update's notice above every screen, in the desktop console while there is one. */
function UpdateArea() {
  const shown = useUpdateStore((s) => s.status.phase !== 'idle');
  useEffect(() => {
    if (host().updates) void useUpdateStore.getState().load();
  }, []);
  if (!shown) return null;
  return (
    <Suspense fallback={null}>
      <UpdateNotice />
    </Suspense>
  );
}

export function App() {
  return (
    <>
      <UpdateArea />
      <Screen />
    </>
  );
}

function Screen() {
  const { t } = useTranslation();
  const phase = useAuthStore((s) => s.phase);
  const site = useSiteStore((s) => s.site);
  const [reset, setReset] = useState(resetToken);
  const [signIn, setSignIn] = useState(() => signInRoute(window.location.hash));
  useConsoleEvents();
  useEffect(() => {
    const onHash = () => {
      setReset(resetToken());
      setSignIn(signInRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (signIn?.kind !== 'login-failed') return;
    // A single sign-on that failed comes back here: say why at the login screen, once.
    history.replaceState(null, '', window.location.pathname);
    setSignIn(null);
    if (signIn.error) useAuthStore.setState({ error: new ApiError(0, signIn.error, signIn.error) });
  }, [signIn]);

  useEffect(() => {
    if (site && !storedLanguage()) setLanguage(languageFor(site.default_language, site.languages), false);
  }, [site]);

  if (phase === 'starting') return null;
  if (phase === 'site_setup' && window.consoleSite)
    return (
      <Suspense fallback={null}>
        <SiteSetupScreen />
      </Suspense>
    );
  if (phase === 'unreachable' || phase === 'site_setup') {
    return (
      <main className="login">
        <div className="login__card" role="alert">
          <h1 className="brand__site">{t('app.title')}</h1>
          <p>{t('app.unreachable')}</p>
          <Button variant="primary" onClick={() => window.location.reload()}>
            {t('app.retry')}
          </Button>
        </div>
      </main>
    );
  }
  if (reset) {
    // After a reset every session has ended: back to a plain login screen.
    const leave = () => {
      history.replaceState(null, '', window.location.pathname);
      setReset(null);
      leaveSession();
      useAuthStore.setState({ phase: 'login', step: 'credentials', error: null, notice: null });
    };
    return (
      <Suspense fallback={null}>
        <ResetPasswordScreen token={reset} onDone={leave} />
      </Suspense>
    );
  }
  if (signIn && signIn.kind !== 'login-failed' && host().kind === 'web')
    return (
      <Suspense fallback={null}>
        <DesktopSignInPage route={signIn} />
      </Suspense>
    );
  if (phase === 'login') return <LoginScreen />;
  return (
    <Suspense
      fallback={
        <p className="muted pad" role="status">
          {t('app.loading')}
        </p>
      }
    >
      <MyAccount />
    </Suspense>
  );
}
