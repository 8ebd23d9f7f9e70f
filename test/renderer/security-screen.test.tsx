/**
 * Management > Security with the fake host: each field checked as it is typed by the contract's
 * checks (the same limits the appliance refuses with), the live password preview under the draft
 * rules, the unsaved changes and what the appliance stored (field: old → new), a lock-out refusal
 * said with its reason while the draft stays, the security overview's totals and table; English
 * and German.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SecurityScreen } from '../../src-renderer/components/admin/SecurityScreen.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { DEFAULT_SECURITY_SETTINGS, type SecuritySettings } from '../../src-shared/api/site.js';
import { type SecurityOverviewDay } from '../../src-shared/api/activity.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type FakeHost } from './support/fake-host.js';
import { identityProvider } from './support/fake-admin.js';
import { renderWithHost, resetRendered } from './support/render.js';

beforeAll(() => {
  renderWithHost(<p />);
  registerAdminTexts();
  resetRendered();
});
afterEach(() => {
  resetRendered();
  leaveSession();
});

const DAYS: SecurityOverviewDay[] = Array.from({ length: 30 }, (_, i) => ({
  day: new Date(Date.UTC(2026, 10, 3) + i * 86_400_000).toISOString().slice(0, 10),
  sign_ins: i === 29 ? 4 : i % 2,
  failed_attempts: i === 28 ? 6 : 0,
  lockouts: i === 28 ? 1 : 0,
}));

function install(host: FakeHost, start: SecuritySettings = DEFAULT_SECURITY_SETTINGS) {
  let stored = structuredClone(start);
  host.answer('getSecuritySettings', async () => structuredClone(stored));
  host.answer('updateSecuritySettings', async (patch) => (stored = { ...stored, ...patch }));
  host.answer('getSecurityOverview', async () => ({ days: structuredClone(DAYS) }));
}

const open = async (language: 'en' | 'de' = 'en') => {
  const r = renderWithHost(<SecurityScreen />, { language, setup: (h) => install(h) });
  await screen.findByLabelText(language === 'en' ? 'Minimum password length' : 'Mindestlänge des Kennworts');
  return r;
};
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const errorOf = (label: string) => {
  const input = screen.getByLabelText(label);
  const id = input
    .getAttribute('aria-describedby')
    ?.split(' ')
    .find((x) => x.endsWith('-error'));
  return id ? document.getElementById(id)?.textContent : undefined;
};

describe('validation as you type', () => {
  it('marks a number outside the contract’s limits at once, with the limits, and clears it when fixed', async () => {
    await open();
    type('Minimum password length', '0');
    expect(errorOf('Minimum password length')).toBe('Enter a whole number from 1 to 128.');
    expect(screen.getByLabelText('Minimum password length').getAttribute('aria-invalid')).toBe('true');
    type('Minimum password length', '12a');
    expect(errorOf('Minimum password length')).toBe('Enter a whole number from 1 to 128.');
    type('Minimum password length', '12');
    expect(errorOf('Minimum password length')).toBeUndefined();
    type('Passwords remembered (may not be reused)', '51');
    expect(errorOf('Passwords remembered (may not be reused)')).toBe('Enter a whole number from 0 to 50.');
    type('Sign out after this many minutes without activity', '10081');
    expect(errorOf('Sign out after this many minutes without activity')).toBe('Enter a whole number from 1 to 10080.');
    type('Lock the account after this many failed attempts', '1.5');
    expect(errorOf('Lock the account after this many failed attempts')).toBe('Enter a whole number from 1 to 1000.');
  });

  it('languages: none offered, or a default that is not offered, are marked; a submit sends nothing while any field is wrong', async () => {
    const { host } = await open();
    fireEvent.click(screen.getByLabelText('English'));
    expect(screen.getByText('The default language must be one of the languages offered.')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('German'));
    expect(screen.getByText('Choose at least 1 language.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save security settings' }));
    expect(await screen.findByText('Correct the marked fields first.')).toBeTruthy();
    expect(host.calls.some((c) => c.method === 'updateSecuritySettings')).toBe(false);
    fireEvent.click(screen.getByLabelText('German'));
    fireEvent.change(screen.getByLabelText('Default language'), { target: { value: 'de' } });
    expect(screen.queryByText('Choose at least 1 language.')).toBeNull();
    expect(screen.queryByText('The default language must be one of the languages offered.')).toBeNull();
  });

  it('“only an administrator unlocks” sets the duration to 0 and turns its field off; unticking brings the duration back', async () => {
    await open();
    fireEvent.click(screen.getByLabelText('Only an administrator unlocks a locked account'));
    const duration = screen.getByLabelText<HTMLInputElement>('Lockout duration (minutes)');
    expect([duration.value, duration.disabled]).toEqual(['0', true]);
    fireEvent.click(screen.getByLabelText('Only an administrator unlocks a locked account'));
    expect([duration.value, duration.disabled]).toEqual(['15', false]);
  });

  it('the password preview checks a sample against the rules as they are being set', async () => {
    await open();
    type('Sample password', 'abcdefghij');
    const rule = (id: string) => document.querySelector(`#security-preview-rules [data-rule="${id}"]`);
    expect(rule('min_length')!.getAttribute('data-state')).toBe('passed');
    type('Minimum password length', '12');
    expect(rule('min_length')!.textContent).toContain('12');
    expect(rule('min_length')!.getAttribute('data-state')).toBe('failed');
    expect(rule('uppercase')).toBeNull();
    fireEvent.click(screen.getByLabelText('Require lowercase and uppercase letters, a digit and a symbol'));
    expect(rule('uppercase')!.getAttribute('data-state')).toBe('failed');
    type('Sample password', 'abcdefghijK1!x');
    expect(rule('min_length')!.getAttribute('data-state')).toBe('passed');
    expect(rule('uppercase')!.getAttribute('data-state')).toBe('passed');
  });
});

describe('saving', () => {
  it('lists the unsaved changes, sends only them, and shows what the appliance stored: field: old → new', async () => {
    const { host } = await open();
    expect(screen.getByText('Nothing changed yet.')).toBeTruthy();
    type('Minimum password length', '12');
    fireEvent.click(screen.getByLabelText('Allow password reset by email'));
    const pending = document.getElementById('security-pending')!;
    expect([...pending.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Minimum password length: 8 → 12',
      'Allow password reset by email: yes → no',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Save security settings' }));
    await waitFor(() => expect(document.getElementById('security-saved')).not.toBeNull());
    const saved = document.getElementById('security-saved')!;
    expect([...saved.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Minimum password length: 8 → 12',
      'Allow password reset by email: yes → no',
    ]);
    expect(host.calls.find((c) => c.method === 'updateSecuritySettings')!.arg).toEqual({
      min_password_length: 12,
      password_reset_enabled: false,
    });
    expect(screen.getByText('Nothing changed yet.')).toBeTruthy();
  });

  it('a lock-out refusal is said with its reason and the field; the draft stays to be changed', async () => {
    const { host } = await open();
    fireEvent.click(screen.getByLabelText('Require two-factor authentication for everyone'));
    host.failNext(
      'updateSecuritySettings',
      new ApiError(422, 'self_lockout', 'no factor', { reason: 'no_second_factor', field: 'two_factor_required' }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save security settings' }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('you have no second factor: you would be locked out of Management');
    expect(refusal.textContent).toContain('(Require two-factor authentication for everyone)');
    expect(screen.getByLabelText<HTMLInputElement>('Require two-factor authentication for everyone').checked).toBe(
      true,
    );
    expect(document.getElementById('security-pending')!.textContent).toBe(
      'Require two-factor authentication for everyone: no → yes',
    );
    expect(document.getElementById('security-saved')).toBeNull();
  });

  it('in German: labels, the limits, the summary and the SSO refusal', async () => {
    const { host } = await open('de');
    type('Mindestlänge des Kennworts', '200');
    expect(errorOf('Mindestlänge des Kennworts')).toBe('Geben Sie eine ganze Zahl von 1 bis 128 ein.');
    type('Mindestlänge des Kennworts', '10');
    fireEvent.click(screen.getByLabelText('Support-Techniker melden sich nur über einen Identitätsanbieter an'));
    host.failNext(
      'updateSecuritySettings',
      new ApiError(422, 'identity_provider_required', 'none', {
        reason: 'no_enabled_identity_provider',
        field: 'sso_required_for_non_admins',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sicherheitseinstellungen speichern' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Es ist kein Identitätsanbieter aktiviert');
    expect(document.getElementById('security-pending')!.textContent).toContain('Mindestlänge des Kennworts: 8 → 10');
  });
});

describe('identity providers', () => {
  it('lists each provider and turns it off; the last one while SSO is required is refused in words', async () => {
    const corp = identityProvider();
    const { host } = renderWithHost(<SecurityScreen />, {
      setup: (h) => {
        install(h);
        h.answer('listIdentityProviders', async () => ({ identity_providers: [structuredClone(corp)] }));
        h.answer('setIdentityProviderEnabled', async ({ enabled }) => ({ ...corp, enabled }));
      },
    });
    const row = await screen.findByText('https://support.example.com/api/auth/sso/3/callback');
    expect(row.closest('tr')!.textContent).toContain('Enabled');
    host.failNext(
      'setIdentityProviderEnabled',
      new ApiError(422, 'identity_provider_required', 'last', {
        reason: 'last_enabled_identity_provider',
        field: 'enabled',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Disable Corp' }));
    expect((await screen.findByRole('alert')).textContent).toContain('this is the last one enabled');
    expect(row.closest('tr')!.textContent).toContain('Enabled');
    fireEvent.click(screen.getByRole('button', { name: 'Disable Corp' }));
    await screen.findByRole('button', { name: 'Enable Corp' });
    expect(row.closest('tr')!.textContent).toContain('Disabled');
    expect(host.calls.filter((c) => c.method === 'setIdentityProviderEnabled').map((c) => c.arg)).toEqual([
      { id: 3, enabled: false },
      { id: 3, enabled: false },
    ]);
  });
});

describe('security overview', () => {
  it('says the period’s totals and lists every day, newest first', async () => {
    await open();
    await waitFor(() => expect(document.getElementById('security-overview-totals')).not.toBeNull());
    const totals = document.getElementById('security-overview-totals')!;
    const signIns = DAYS.reduce((s, d) => s + d.sign_ins, 0);
    expect(totals.textContent).toBe(`Last 30 days: ${signIns} sign-ins, 6 failed attempts, 1 lockouts.`);
    const rows = document.querySelectorAll('.overview-table tbody tr');
    expect(rows).toHaveLength(30);
    expect(rows[0]!.getAttribute('data-day')).toBe(DAYS[29]!.day);
    expect([...within(rows[1] as HTMLElement).getAllByRole('cell')].map((c) => c.textContent).slice(1)).toEqual([
      String(DAYS[28]!.sign_ins),
      '6',
      '1',
    ]);
  });
});
