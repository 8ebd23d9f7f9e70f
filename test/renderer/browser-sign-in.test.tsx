/**
 * The renderer's parts of the sign-in through the system browser: the desktop login screen's
 * "Sign in with your browser" (waiting, cancelling, refusals), and the web console's pages that
 * complete a desktop console's request (sign in here and it is approved at once; already signed
 * in: one confirmation) and show the outcome, in English and German.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type LoginResult } from '../../src-shared/api/auth.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { ACCOUNT, SITE, type FakeHost } from './support/fake-host.js';

/** A site whose default is German (the console follows it when nobody chose a language). */
const GERMAN_SITE = { ...SITE, default_language: 'de' };

const START = 'http://localhost:3000/';
afterEach(() => {
  resetRendered();
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(START);
});

async function start(opts: Parameters<typeof renderWithHost>[1] & { signedIn?: boolean }) {
  const r = renderWithHost(<App />, {
    ...opts,
    setup: (h) => {
      if (!opts.signedIn) h.failNext('getAccount', new ApiError(401, 'unauthenticated', 'no session'));
      opts.setup?.(h);
    },
  });
  await act(() => useAuthStore.getState().start());
  return r;
}

/** A browser sign-in the test finishes itself. */
function held(h: FakeHost) {
  let settle!: { resolve(v: LoginResult): void; reject(e: unknown): void };
  h.signInWithBrowser = (options) => {
    h.calls.push({ method: 'signInWithBrowser', arg: options });
    return new Promise<LoginResult>((resolve, reject) => (settle = { resolve, reject }));
  };
  return () => settle;
}

describe('desktop login screen: sign in with your browser', () => {
  it('offers the browser beside the password form, waits, and signs in when the browser is done', async () => {
    let settle!: ReturnType<typeof held>;
    const { host } = await start({ kind: 'desktop', setup: (h) => (settle = held(h)) });
    expect(screen.getByLabelText('Password')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your browser' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Continue in your browser/);
    expect(host.calls.find((c) => c.method === 'signInWithBrowser')!.arg).toEqual({});
    await act(async () => settle().resolve({ expires_at: new Date().toISOString(), account: ACCOUNT }));
    expect(useAuthStore.getState().phase).toBe('app');
  });

  it('cancelling stops the wait and says nothing more', async () => {
    let settle!: ReturnType<typeof held>;
    const { host } = await start({ kind: 'desktop', setup: (h) => (settle = held(h)) });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your browser' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel the browser sign-in' }));
    expect(host.calls.some((c) => c.method === 'cancelBrowserSignIn')).toBe(true);
    await act(async () => settle().reject(new ApiError(0, 'desktop_sign_in_cancelled', 'x')));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign in with your browser' })).toBeTruthy();
    expect(useAuthStore.getState().phase).toBe('login');
  });

  it('a refusal in the browser or a timeout is explained', async () => {
    const { host } = await start({ kind: 'desktop' });
    host.failNext('signInWithBrowser', new ApiError(0, 'desktop_sign_in_denied', 'x'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your browser' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The sign-in was cancelled in the browser.');
    host.failNext('signInWithBrowser', new ApiError(0, 'desktop_sign_in_timeout', 'x'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with your browser' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not finished within five minutes/);
  });

  it('in German: "Im Browser anmelden"', async () => {
    await start({ kind: 'desktop', language: 'de', site: GERMAN_SITE });
    expect(screen.getByRole('button', { name: 'Im Browser anmelden' })).toBeTruthy();
  });

  it('the web console has no such button (it is the browser)', async () => {
    await start({ kind: 'web' });
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in with your browser' })).toBeNull();
  });
});

describe('web console: completing a desktop console sign-in', () => {
  const REQUEST = 'AbCdEfGhIjKlMnOpQrStUv';
  const at = (hash: string) =>
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(`${START}console/${hash}`);

  it('not signed in: the login screen says why; signing in approves the request and the browser goes to the console', async () => {
    at(`#/desktop-sign-in?request=${REQUEST}`);
    const { host } = await start({ kind: 'web' });
    expect(await screen.findByText(/Your desktop console is waiting for you to sign in/)).toBeTruthy();
    expect(host.calls.some((c) => c.method === 'desktopSignIns.get' && c.arg === REQUEST)).toBe(true);
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await expect.poll(() => window.location.href).toBe('http://127.0.0.1:50505/callback?code=c0de&state=st4te');
    expect(host.calls.filter((c) => c.method === 'desktopSignIns.approve').map((c) => c.arg)).toEqual([REQUEST]);
  });

  it('already signed in: asks once, names the account, and approves only when confirmed', async () => {
    at(`#/desktop-sign-in?request=${REQUEST}`);
    const { host } = await start({ kind: 'web', signedIn: true });
    expect(await screen.findByText('Sign the desktop console in as Alice (alice)?')).toBeTruthy();
    expect(host.calls.some((c) => c.method === 'desktopSignIns.approve')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Sign the console in' }));
    await expect.poll(() => window.location.href).toBe('http://127.0.0.1:50505/callback?code=c0de&state=st4te');
  });

  it('cancelling refuses the request and the browser takes access_denied to the console', async () => {
    at(`#/desktop-sign-in?request=${REQUEST}`);
    const { host } = await start({ kind: 'web', signedIn: true });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel the console’s sign-in' }));
    await expect.poll(() => window.location.href).toMatch(/error=access_denied/);
    expect(host.calls.some((c) => c.method === 'desktopSignIns.approve')).toBe(false);
  });

  it('a request that is gone is explained instead of a login', async () => {
    at(`#/desktop-sign-in?request=${REQUEST}`);
    await start({
      kind: 'web',
      setup: (h) => h.failNext('desktopSignIns.get', new ApiError(404, 'desktop_request_invalid', 'x')),
    });
    expect(await screen.findByText('The console was not signed in')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/unknown, has expired or was already answered/);
    expect(screen.queryByLabelText('Password')).toBeNull();
  });

  it('the page the console sends the browser to says "You can return to the console", in German too', async () => {
    at('#/desktop-sign-in/done');
    await start({ kind: 'web' });
    expect(screen.getByRole('heading', { name: 'You can return to the console' })).toBeTruthy();
    resetRendered();
    at('#/desktop-sign-in/done');
    await start({ kind: 'web', language: 'de', site: GERMAN_SITE });
    expect(screen.getByRole('heading', { name: 'Sie können zur Konsole zurückkehren' })).toBeTruthy();
  });

  it('a failed sign-in page gives the reason by its code; an unknown code is a generic failure', async () => {
    at('#/desktop-sign-in/failed?error=desktop_code_expired');
    await start({ kind: 'web' });
    expect(screen.getByRole('alert').textContent).toMatch(/valid for one minute/);
    resetRendered();
    at('#/desktop-sign-in/failed?error=<script>');
    await start({ kind: 'web' });
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong (internal_error). Please try again.');
  });
});
