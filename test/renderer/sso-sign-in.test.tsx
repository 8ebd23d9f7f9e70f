/**
 * Single sign-on in the renderer: "Sign in with {name}" for each enabled identity provider on the
 * web and desktop login screens (English and German), the note when technicians must use the
 * provider, a failed provider sign-in explained at the login screen, and My Account's password and
 * two-factor sections for a person without a local password (they say why there is nothing here).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { PasswordSection } from '../../src-renderer/components/account/sections/PasswordSection.js';
import TwoFactorSection from '../../src-renderer/components/account/sections/TwoFactorSection.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { ACCOUNT, SITE } from './support/fake-host.js';

const START = 'http://localhost:3000/';
afterEach(() => {
  resetRendered();
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(START);
});

const SSO_SITE = {
  ...SITE,
  identity_providers: [
    { id: 7, name: 'Contoso' },
    { id: 9, name: 'Okta' },
  ],
};

async function loginScreen(opts: Parameters<typeof renderWithHost>[1]) {
  const r = renderWithHost(<App />, {
    ...opts,
    setup: (h) => {
      h.failNext('getAccount', new ApiError(401, 'unauthenticated', 'no session'));
      // The page leaves for the provider: the promise never settles.
      h.signInWithBrowser = (options) => {
        h.calls.push({ method: 'signInWithBrowser', arg: options });
        return new Promise(() => undefined);
      };
    },
  });
  await act(() => useAuthStore.getState().start());
  return r;
}

describe('login screen: sign in with an identity provider', () => {
  it('the web console offers each enabled provider by name and goes to the one chosen', async () => {
    const { host } = await loginScreen({ site: SSO_SITE });
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in with Okta' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Contoso' }));
    expect(host.calls.find((c) => c.method === 'signInWithBrowser')!.arg).toEqual({ identity_provider_id: 7 });
    // There is no other browser to wait for on the web.
    expect(screen.queryByText(/Continue in your browser/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign in with your browser' })).toBeNull();
  });

  it('in German: Mit {name} anmelden', async () => {
    await loginScreen({ site: { ...SSO_SITE, default_language: 'de' }, language: 'de' });
    expect(screen.getByRole('button', { name: 'Mit Contoso anmelden' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mit Okta anmelden' })).toBeTruthy();
  });

  it('the desktop console offers the providers beside "Sign in with your browser" and opens the one chosen', async () => {
    const { host } = await loginScreen({ site: SSO_SITE, kind: 'desktop' });
    expect(screen.getByRole('button', { name: 'Sign in with your browser' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Okta' }));
    expect(host.calls.find((c) => c.method === 'signInWithBrowser')!.arg).toEqual({ identity_provider_id: 9 });
    expect((await screen.findByRole('status')).textContent).toMatch(/Continue in your browser/);
  });

  it('without enabled providers the web login screen has only the password form', async () => {
    await loginScreen({ site: SITE });
    expect(screen.queryByRole('button', { name: /Sign in with/ })).toBeNull();
    expect(screen.queryByText('or')).toBeNull();
  });

  it('says that technicians use the provider when the site requires it', async () => {
    await loginScreen({ site: { ...SSO_SITE, sso_required_for_non_admins: true } });
    expect(screen.getByText(/Technicians sign in through the site’s identity provider/)).toBeTruthy();
    resetRendered();
    await loginScreen({
      site: { ...SSO_SITE, sso_required_for_non_admins: true, default_language: 'de' },
      language: 'de',
    });
    expect(screen.getByText(/Techniker melden sich über den Identitätsanbieter/)).toBeTruthy();
  });

  it('on the desktop under the policy, a technician’s refused password points to the browser and the provider', async () => {
    const { host } = await loginScreen({ site: { ...SSO_SITE, sso_required_for_non_admins: true }, kind: 'desktop' });
    host.failNext('login', new ApiError(403, 'sso_required', 'x'));
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'tech' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'right-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /signs technicians in through its identity provider/,
    );
    expect(screen.getByRole('button', { name: 'Sign in with your browser' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in with Contoso' })).toBeTruthy();
  });

  it('a provider sign-in that failed comes back to the login screen with the reason', async () => {
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
      `${START}console/#/login?error=sso_user_unknown`,
    );
    await loginScreen({ site: SSO_SITE });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'There is no account for you on this site yet. Ask your administrator to create one.',
    );
    expect(window.location.hash).toBe('');
  });
});

describe('My Account without a local password', () => {
  const ssoAccount = { ...ACCOUNT, local_password: false, identity_provider: { id: 7, name: 'Contoso' } };

  it('the password section says the password lives at the provider, and has no form', () => {
    renderWithHost(<PasswordSection />, { account: ssoAccount });
    expect(screen.getByRole('heading', { name: 'Password' })).toBeTruthy();
    expect(screen.getByText(/You sign in with Contoso\. Your password and two-factor authentication/)).toBeTruthy();
    expect(screen.queryByLabelText('Current password')).toBeNull();
    expect(screen.queryByRole('button', { name: /Change/ })).toBeNull();
  });

  it('the two-factor section says the same, in German too', () => {
    renderWithHost(<TwoFactorSection />, { account: ssoAccount, language: 'de' });
    expect(screen.getByText(/Sie melden sich mit Contoso an\./)).toBeTruthy();
    resetRendered();
    renderWithHost(<TwoFactorSection />, { account: ssoAccount });
    expect(screen.queryByText('Two-factor authentication is off.')).toBeNull();
    resetRendered();
    renderWithHost(<TwoFactorSection />);
    expect(screen.getByText('Two-factor authentication is off.')).toBeTruthy();
  });

  it('without a known provider it names the site’s identity provider; with a password the form is there', () => {
    renderWithHost(<PasswordSection />, { account: { ...ACCOUNT, local_password: false } });
    expect(screen.getByText(/You sign in through your site’s identity provider/)).toBeTruthy();
    resetRendered();
    renderWithHost(<PasswordSection />);
    expect(screen.getByLabelText('Current password')).toBeTruthy();
  });
});
