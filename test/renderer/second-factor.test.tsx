/**
 * The second step after the password with the fake host: it offers exactly the factors the
 * appliance listed (passkey where the page can run the ceremony, authenticator code, recovery
 * code), in English and German; a passkey answer goes back with the same credentials, and after a
 * failed ceremony the next try asks the appliance for a fresh challenge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type SecondStep } from '../../src-shared/api/passkeys.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { type FakeHost, SITE } from './support/fake-host.js';

function withWebAuthn(on: boolean) {
  if (on) Object.assign(window, { PublicKeyCredential: class PublicKeyCredential {} });
  else delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
}

afterEach(() => {
  resetRendered();
  withWebAuthn(false);
});

const PASSKEY_OFFER = {
  attempt_id: 'attempt-second-factor-1',
  options: {
    challenge: 'Y2hhbGxlbmdl',
    rpId: 'support.example.com',
    allowCredentials: [{ id: 'a2V5', type: 'public-key' as const }],
  },
};
const otpRequired = (step: SecondStep) => new ApiError(401, 'otp_required', 'x', { ...step });

async function atSecondStep(step: SecondStep, opts: { language?: 'en' | 'de'; setup?: (h: FakeHost) => void } = {}) {
  const r = renderWithHost(<App />, {
    site: { ...SITE, default_language: opts.language ?? 'en' },
    language: opts.language,
    setup: (h) => {
      h.failNext('getAccount', new ApiError(401, 'unauthenticated', 'no session'));
      opts.setup?.(h);
    },
  });
  void useAuthStore.getState().start();
  const de = opts.language === 'de';
  fireEvent.change(await screen.findByLabelText(de ? 'Benutzername' : 'Username'), { target: { value: 'alice' } });
  fireEvent.change(screen.getByLabelText(de ? 'Kennwort' : 'Password'), { target: { value: 'secret-pw' } });
  r.host.failNext('login', otpRequired(step));
  fireEvent.click(screen.getByRole('button', { name: de ? 'Anmelden' : 'Log in' }));
  await screen.findByRole('heading', { level: 2 });
  return r;
}

describe('second step', () => {
  it('offers the passkey, the authenticator code and a recovery code when the account has all three', async () => {
    withWebAuthn(true);
    await atSecondStep({ methods: ['recovery_code', 'totp', 'passkey'], passkey: PASSKEY_OFFER });
    expect(screen.getByRole('button', { name: 'Use a passkey' })).toBeTruthy();
    expect(screen.getByLabelText('Authenticator code')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use a recovery code instead' })).toBeTruthy();
  });

  it('with only a passkey, offers only the passkey', async () => {
    withWebAuthn(true);
    await atSecondStep({ methods: ['passkey'], passkey: PASSKEY_OFFER });
    const button = screen.getByRole('button', { name: 'Use a passkey' });
    expect(button.className).toContain('btn--primary');
    expect(screen.queryByLabelText('Authenticator code')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use a recovery code instead' })).toBeNull();
  });

  it('the desktop console is offered the codes only', async () => {
    await atSecondStep(
      { methods: ['recovery_code', 'totp'] },
      {
        setup: (h) => {
          Object.assign(h, { kind: 'desktop' });
          delete (h as { passkeys?: unknown }).passkeys;
        },
      },
    );
    expect(screen.getByLabelText('Authenticator code')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Use a passkey' })).toBeNull();
  });

  it('a failed ceremony is explained; the next try asks the appliance for a fresh challenge', async () => {
    withWebAuthn(true);
    const { host } = await atSecondStep({ methods: ['totp', 'passkey'], passkey: PASSKEY_OFFER });
    // happy-dom cannot sign: the browser half of the ceremony fails.
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The passkey request did not work. Try again.');
    const logins = () => host.calls.filter((c) => c.method === 'login').length;
    const before = logins();
    host.failNext(
      'login',
      otpRequired({
        methods: ['totp', 'passkey'],
        passkey: { ...PASSKEY_OFFER, attempt_id: 'attempt-second-factor-2' },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    await screen.findByText('The passkey request did not work. Try again.');
    expect(logins()).toBe(before + 1);
    expect(host.calls.filter((c) => c.method === 'login').at(-1)!.arg).toEqual({
      username: 'alice',
      password: 'secret-pw',
    });
    expect(document.body.innerHTML).not.toContain('secret-pw');
  });

  it('speaks German', async () => {
    withWebAuthn(true);
    await atSecondStep({ methods: ['recovery_code', 'totp', 'passkey'], passkey: PASSKEY_OFFER }, { language: 'de' });
    expect(screen.getByRole('button', { name: 'Passkey verwenden' })).toBeTruthy();
    expect(
      screen.getByText('Bestätigen Sie mit einem der Passkeys, die Sie Ihrem Konto hinzugefügt haben.'),
    ).toBeTruthy();
  });
});
