/**
 * "Sign in with a passkey" on the login screen with the fake host: offered only where the site
 * allows it, the host can run the ceremony and the browser has WebAuthn (then the username field
 * also asks for passkey autofill); a refusal is worded; German.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { type FakeHost, SITE } from './support/fake-host.js';

/** happy-dom has no WebAuthn; a browser that has it defines PublicKeyCredential (nothing more is used here). */
function withWebAuthn(on: boolean) {
  if (on) Object.assign(window, { PublicKeyCredential: class PublicKeyCredential {} });
  else delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
}

afterEach(() => {
  resetRendered();
  withWebAuthn(false);
});

async function atLogin(opts: { passkeySignIn?: boolean; language?: 'en' | 'de'; setup?: (h: FakeHost) => void } = {}) {
  const r = renderWithHost(<App />, {
    // The login screen takes the site's default language when the person has not chosen one.
    site: { ...SITE, passkey_sign_in: opts.passkeySignIn ?? true, default_language: opts.language ?? 'en' },
    language: opts.language,
    setup: (h) => {
      h.failNext('getAccount', new ApiError(401, 'unauthenticated', 'no session'));
      opts.setup?.(h);
    },
  });
  void useAuthStore.getState().start();
  await screen.findByRole('textbox', { name: opts.language === 'de' ? 'Benutzername' : 'Username' });
  return r;
}

describe('passkey sign-in on the login screen', () => {
  it('is offered when the site allows it and the browser has WebAuthn; the username field asks for passkey autofill', async () => {
    withWebAuthn(true);
    await atLogin();
    expect(screen.getByRole('button', { name: 'Sign in with a passkey' })).toBeTruthy();
    expect(screen.getByLabelText('Username').getAttribute('autocomplete')).toBe('username webauthn');
  });

  it('is not offered when the site turned it off, in a browser without WebAuthn, or in the desktop console', async () => {
    withWebAuthn(true);
    await atLogin({ passkeySignIn: false });
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
    expect(screen.getByLabelText('Username').getAttribute('autocomplete')).toBe('username');
    resetRendered();

    withWebAuthn(false);
    await atLogin();
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
    resetRendered();

    withWebAuthn(true);
    await atLogin({
      setup: (h) => {
        Object.assign(h, { kind: 'desktop' });
        delete (h as { passkeys?: unknown }).passkeys;
      },
    });
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  });

  it('a refusal from the appliance is shown in words (here before any ceremony starts)', async () => {
    withWebAuthn(true);
    const { host } = await atLogin();
    host.failNext('signInOptions', new ApiError(403, 'passwordless_not_allowed', 'x'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Signing in with a passkey alone is turned off for this site. Sign in with your password.',
    );
    expect(host.calls.some((c) => c.method === 'signIn')).toBe(false);
  });

  it('speaks German', async () => {
    withWebAuthn(true);
    await atLogin({ language: 'de' });
    expect(screen.getByRole('button', { name: 'Mit Passkey anmelden' })).toBeTruthy();
    expect(screen.getByText('oder')).toBeTruthy();
  });
});
