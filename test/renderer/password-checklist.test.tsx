import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { PasswordSection } from '../../src-renderer/components/account/sections/PasswordSection.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost } from './support/render.js';
import { SITE } from './support/fake-host.js';

afterEach(cleanup);

const states = () =>
  Object.fromEntries(
    [...document.querySelectorAll('[data-rule]')].map((li) => [
      li.getAttribute('data-rule'),
      li.getAttribute('data-state'),
    ]),
  );

describe('password section: the live checklist', () => {
  it("lists exactly the site's rules, from the shared evaluator, and updates as one types", () => {
    renderWithHost(<PasswordSection />);
    expect(Object.keys(states())).toEqual([
      'min_length',
      'max_length',
      'lowercase',
      'uppercase',
      'digit',
      'symbol',
      'not_username',
      'not_common',
      'strength',
      'not_reused',
    ]);
    expect(screen.getByText('At least 10 characters')).toBeTruthy();
    expect(screen.getByText('Hard to guess (strength 3 of 4 or more)')).toBeTruthy();
    expect(screen.getByText('Not one of your last 3 passwords')).toBeTruthy();

    const next = screen.getByLabelText('New password');
    fireEvent.change(next, { target: { value: 'alice' } });
    expect(states()).toMatchObject({
      min_length: 'failed',
      lowercase: 'passed',
      uppercase: 'failed',
      digit: 'failed',
      symbol: 'failed',
      not_username: 'failed',
      not_common: 'pending',
      not_reused: 'pending',
    });
    fireEvent.change(next, { target: { value: 'Correct-Horse-7' } });
    expect(states()).toMatchObject({
      min_length: 'passed',
      lowercase: 'passed',
      uppercase: 'passed',
      digit: 'passed',
      symbol: 'passed',
      not_username: 'passed',
      not_common: 'pending',
    });
    // The checklist describes the new-password field.
    expect(next.getAttribute('aria-describedby')).toContain('password-rules');
  });

  it('a simple policy shows only its rules', () => {
    renderWithHost(<PasswordSection />, {
      site: {
        ...SITE,
        password_policy: {
          ...SITE.password_policy,
          require_complex_passwords: false,
          block_common_passwords: false,
          password_history: 0,
          min_password_length: 8,
        },
      },
    });
    expect(Object.keys(states())).toEqual(['min_length', 'max_length', 'not_username']);
  });

  it('does not submit while a rule fails or the confirmation differs; shows both errors on their fields', () => {
    const { host } = renderWithHost(<PasswordSection />);
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'short' } });
    const confirm = screen.getByLabelText('Confirm new password');
    fireEvent.change(confirm, { target: { value: 'shorter' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    const mismatch = screen.getByText('The passwords do not match.');
    expect(confirm.getAttribute('aria-describedby')).toContain(mismatch.id);
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The new password does not meet every rule yet.')).toBeTruthy();
    expect(host.calls.filter((c) => c.method === 'changePassword')).toHaveLength(0);
  });

  it('marks the rules the appliance refused (common password), then succeeds and clears the form', async () => {
    const { host } = renderWithHost(<PasswordSection />);
    host.failNext('changePassword', new ApiError(422, 'password_policy', 'policy', { failed_rules: ['not_common'] }));
    const fill = (v: string) => {
      fireEvent.change(screen.getByLabelText('New password'), { target: { value: v } });
      fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: v } });
    };
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fill('Password-123');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText(/refused the new password/);
    expect(states().not_common).toBe('failed');
    const rule = document.querySelector('[data-rule="not_common"]') as HTMLElement;
    expect(within(rule).getByText(/not met/)).toBeTruthy();

    fill('Uncommon-Walrus-42');
    expect(states().not_common).not.toBe('failed');
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('Your password was changed. Your other sessions were ended.');
    expect(host.calls.filter((c) => c.method === 'changePassword').at(-1)!.arg).toEqual({
      username: 'alice',
      current_password: 'old-password',
      new_password: 'Uncommon-Walrus-42',
    });
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });

  it('the strength meter shows the score and, below the minimum, why (in English)', async () => {
    renderWithHost(<PasswordSection />);
    const next = screen.getByLabelText('New password');
    fireEvent.change(next, { target: { value: 'password1234' } });
    const meter = await screen.findByRole('meter', {}, { timeout: 15_000 });
    expect(Number(meter.getAttribute('aria-valuenow'))).toBeLessThan(3);
    expect(states()).toMatchObject({ not_common: 'passed', strength: 'failed' });
    expect(document.querySelector('[data-reason]')!.getAttribute('data-reason')).toBe('common_with_digits');
    expect(screen.getByText(/too easy to guess: a common word with digits added/)).toBeTruthy();

    fireEvent.change(next, { target: { value: 'qwertyuiop' } });
    expect(states()).toMatchObject({ not_common: 'failed', strength: 'failed' });
    expect(screen.getByText(/one of the most common passwords/)).toBeTruthy();

    // The account's own names count as guessable words.
    fireEvent.change(next, { target: { value: 'Alice2024!' } });
    expect(document.querySelector('[data-reason]')!.getAttribute('data-reason')).toBe('personal');

    fireEvent.change(next, { target: { value: 'Uncommon-Walrus-42' } });
    expect(states()).toMatchObject({ not_common: 'passed', strength: 'passed' });
    expect(Number(screen.getByRole('meter').getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(3);
    expect(document.querySelector('[data-reason]')).toBeNull();
  });

  it('the strength meter speaks German', async () => {
    renderWithHost(<PasswordSection />, { language: 'de' });
    fireEvent.change(screen.getByLabelText('Neues Kennwort'), { target: { value: 'password1234' } });
    const meter = await screen.findByRole('meter', {}, { timeout: 15_000 });
    expect(meter.getAttribute('aria-label')).toBe('Stärke');
    expect(screen.getByText(/zu leicht zu erraten: ein häufiges Wort mit angehängten Ziffern/)).toBeTruthy();
    expect(screen.getByText('Schwer zu erraten (Stärke 3 von 4 oder mehr)')).toBeTruthy();
  });

  it("the appliance's refusal and its reason are shown for the password it refused", async () => {
    const { host } = renderWithHost(<PasswordSection />);
    // The appliance knows words the page may not (e.g. the account's names on the reset screen).
    const strength = { score: 1, reason: 'personal', common: false };
    host.failNext(
      'changePassword',
      new ApiError(422, 'password_policy', 'policy', { failed_rules: ['strength'], strength }),
    );
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'Uncommon-Walrus-42' } });
    fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: 'Uncommon-Walrus-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText(/refused the new password/);
    expect(states().strength).toBe('failed');
    expect(screen.getByText(/too easy to guess: contains your name, username or the site name/)).toBeTruthy();
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('1');
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'Uncommon-Walrus-43' } });
    expect(states().strength).not.toBe('failed');
  });

  it('a wrong current password is shown on that field', async () => {
    const { host } = renderWithHost(<PasswordSection />);
    host.failNext('changePassword', new ApiError(401, 'invalid_credentials', 'wrong'));
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'nope' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'Uncommon-Walrus-42' } });
    fireEvent.change(screen.getByLabelText('Confirm new password'), { target: { value: 'Uncommon-Walrus-42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    const err = await screen.findByText('The password is not correct.');
    expect(screen.getByLabelText('Current password').getAttribute('aria-describedby')).toContain(err.id);
  });

  it('fields carry password-manager hints and accept pasted text', () => {
    renderWithHost(<PasswordSection />);
    expect(screen.getByLabelText('Username').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Current password').getAttribute('autocomplete')).toBe('current-password');
    expect(screen.getByLabelText('New password').getAttribute('autocomplete')).toBe('new-password');
    expect(screen.getByLabelText('Confirm new password').getAttribute('autocomplete')).toBe('new-password');
    const paste = new Event('paste', { bubbles: true, cancelable: true });
    screen.getByLabelText('New password').dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(false);
  });
});
