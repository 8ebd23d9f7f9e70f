import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { ACCOUNT, type FakeHost } from './support/fake-host.js';

afterEach(() => {
  resetRendered();
  window.location.hash = '';
});

async function atLogin(setup?: (h: FakeHost) => void) {
  const r = renderWithHost(<App />, {
    setup: (h) => {
      h.failNext('getAccount', new ApiError(401, 'unauthenticated', 'no session'));
      setup?.(h);
    },
  });
  void useAuthStore.getState().start();
  await screen.findByLabelText('Username');
  return r;
}

function submit(username = 'alice', password = 'pw') {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('login screen', () => {
  it('a wrong password says so and ties the message to the form', async () => {
    const { host } = await atLogin();
    host.failNext('login', new ApiError(401, 'invalid_credentials', 'x'));
    submit();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Wrong username or password.');
    expect(screen.getByLabelText('Password').getAttribute('aria-errormessage')).toBe(alert.id);
  });

  it('a locked account gives the time left, or sends the person to the administrator', async () => {
    const { host } = await atLogin();
    host.failNext('login', new ApiError(423, 'account_locked', 'x', { retry_after_seconds: 600 }));
    submit();
    expect((await screen.findByRole('alert')).textContent).toMatch(/Try again in 10 minutes\./);
    host.failNext('login', new ApiError(423, 'account_locked', 'x', { retry_after_seconds: null }));
    submit();
    expect((await screen.findByText(/Ask your administrator to unlock it/)).textContent).toBeTruthy();
    host.failNext('login', new ApiError(403, 'account_disabled', 'x'));
    submit();
    expect(await screen.findByText('Your account is disabled. Ask your administrator.')).toBeTruthy();
  });

  it('asks for the code when 2FA is on, accepts a recovery code instead, and keeps the password out of the DOM', async () => {
    const { host } = await atLogin();
    host.failNext('login', new ApiError(401, 'otp_required', 'x'));
    submit('alice', 'secret-pw');
    const code = await screen.findByLabelText('Authenticator code');
    expect(document.activeElement).toBe(code);
    host.failNext('login', new ApiError(401, 'otp_invalid', 'x'));
    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    const err = await screen.findByText(/That code is not valid/);
    expect(screen.getByLabelText('Authenticator code').getAttribute('aria-describedby')).toContain(err.id);
    expect(host.calls.filter((c) => c.method === 'login').at(-1)!.arg).toEqual({
      username: 'alice',
      password: 'secret-pw',
      otp_code: '123456',
    });

    fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'abcd-efgh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await screen.findByRole('navigation', { name: 'My Account sections' });
    expect(host.calls.filter((c) => c.method === 'login').at(-1)!.arg).toEqual({
      username: 'alice',
      password: 'secret-pw',
      recovery_code: 'abcd-efgh',
    });
    expect(document.body.innerHTML).not.toContain('secret-pw');
  });

  it('a forced password change leads straight to the password section, and nothing else', async () => {
    const { host } = await atLogin((h) => {
      h.login = async () => ({ expires_at: '', account: { ...ACCOUNT, password_change_required: true } });
    });
    void host;
    submit();
    await screen.findByText('Your password must be changed before you can continue.');
    expect(screen.getByRole('heading', { name: 'Password', level: 2 })).toBeTruthy();
    const links = screen.getByRole('navigation', { name: 'My Account sections' }).querySelectorAll('a');
    expect([...links].map((a) => a.textContent)).toEqual(['Password']);
  });

  it('forgot password is offered when the site allows it and answers the same for any name', async () => {
    const { host } = await atLogin();
    fireEvent.click(screen.getByRole('button', { name: 'Forgot your password?' }));
    fireEvent.change(screen.getByLabelText('Username or email address'), { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    await screen.findByText(/If an account matches/);
    expect(host.calls.find((c) => c.method === 'requestPasswordReset')!.arg).toEqual({
      username_or_email: 'nobody@example.com',
    });
  });

  it('session.revoked returns to login with the reason; account.updated refreshes the screen', async () => {
    const { host } = renderWithHost(<App />);
    void useAuthStore.getState().start();
    await screen.findByText('Signed in as Alice');
    act(() =>
      host.emit({ type: 'account.updated', data: { account: { ...ACCOUNT, private_display_name: 'Alicia' } } }),
    );
    expect(screen.getByText('Signed in as Alicia')).toBeTruthy();
    act(() => host.emit({ type: 'session.revoked', data: { reason: 'password_changed' } }));
    expect(
      await screen.findByText('Your password was changed, so this session ended. Please log in again.'),
    ).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeTruthy();
  });
});
