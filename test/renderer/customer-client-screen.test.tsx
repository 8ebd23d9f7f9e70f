/**
 * Management > Customer client with the fake host: the two elevation rules, only the changed one
 * sent, what changed shown (rule: old → new), a failed save said; German; and My Account's
 * elevation-service card links to the rules for admins only.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CustomerClientScreen } from '../../src-renderer/components/admin/CustomerClientScreen.js';
import { DownloadsSection } from '../../src-renderer/components/account/sections/DownloadsSection.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { type CustomerClientSettings } from '../../src-shared/api/customer-client.js';
import { ApiError } from '../../src-shared/api-error.js';
import { ACCOUNT, type FakeHost } from './support/fake-host.js';
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

function install(host: FakeHost) {
  let stored: CustomerClientSettings = { elevate_automatically: false, elevate_on_request: true, updated_at: null };
  host.answer('getCustomerClient', async () => ({ ...stored }));
  host.answer(
    'updateCustomerClient',
    async (patch) => (stored = { ...stored, ...patch, updated_at: '2026-12-02T03:00:00.000Z' }),
  );
}

describe('customer client screen', () => {
  it('sends only the changed rule and shows rule: old → new; the second rule says when it applies', async () => {
    const { host } = renderWithHost(<CustomerClientScreen />, { setup: install });
    const auto = await screen.findByLabelText<HTMLInputElement>('Elevate automatically at the start of a session');
    expect(auto.checked).toBe(false);
    expect(screen.getByLabelText<HTMLInputElement>('Elevate when the representative clicks Elevate').checked).toBe(
      true,
    );
    expect(screen.getByText('The defaults have not been changed.')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save rules' }).disabled).toBe(true);
    fireEvent.click(auto);
    expect(screen.getByText('Automatic elevation is on: this rule applies only while it is off.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(document.getElementById('customer-client-saved')).not.toBeNull());
    expect(document.querySelector('#customer-client-saved li')!.textContent).toBe(
      'Elevate automatically at the start of a session: no → yes',
    );
    expect(host.calls.find((c) => c.method === 'updateCustomerClient')!.arg).toEqual({ elevate_automatically: true });
    expect(screen.getByText(/^Last changed /)).toBeTruthy();
  });

  it('a failed save is said and the choice stays; in German', async () => {
    const { host } = renderWithHost(<CustomerClientScreen />, { language: 'de', setup: install });
    const onRequest = await screen.findByLabelText<HTMLInputElement>(
      'Heraufsetzen, wenn der Support-Techniker auf „Heraufsetzen“ klickt',
    );
    fireEvent.click(onRequest);
    host.failNext('updateCustomerClient', new ApiError(0, 'network_error', 'offline'));
    fireEvent.click(screen.getByRole('button', { name: 'Regeln speichern' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(onRequest.checked).toBe(false);
    expect(document.getElementById('customer-client-saved')).toBeNull();
  });
});

describe('My Account → Downloads → Elevation service', () => {
  it('links an admin to Management > Customer client, and shows no link to a technician', async () => {
    renderWithHost(<DownloadsSection />, { account: { ...ACCOUNT, is_admin: true } });
    const link = await screen.findByRole('link', {
      name: 'Elevation rules of this site (Management → Customer client)',
    });
    expect(link.getAttribute('href')).toBe('#/admin/customer-client');
    resetRendered();
    renderWithHost(<DownloadsSection />, { account: { ...ACCOUNT, is_admin: false } });
    await screen.findByText('Elevation service');
    expect(screen.queryByRole('link', { name: /Elevation rules/ })).toBeNull();
  });
});
