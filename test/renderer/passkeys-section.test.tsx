/**
 * My Account → Passkeys with the fake host: the list in English and German, renaming and deleting
 * in place (the password asked for only when the appliance wants it), adding up to the ceremony,
 * the limit, a site without passkeys, and the desktop console (no ceremony on its page).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import PasskeysSection from '../../src-renderer/components/account/sections/PasskeysSection.js';
import { formatDateTime } from '../../src-renderer/i18n/format.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost, resetRendered } from './support/render.js';
import { PASSKEYS } from './support/fake-host.js';

afterEach(() => {
  resetRendered();
  leaveSession();
});

const recentSignInRequired = () => new ApiError(403, 'recent_sign_in_required', 'x', { max_age_seconds: 300 });
const item = (name: string) => screen.getByText(name, { selector: '.passkey__name span' }).closest('li')!;

describe('passkeys section', () => {
  it('lists each passkey with its authenticator, dates, synced state and a blocked warning', async () => {
    renderWithHost(<PasskeysSection />);
    const laptop = within(await screen.findByText('Work laptop').then((e) => e.closest('li')!));
    expect(laptop.getByText('Synced')).toBeTruthy();
    expect(
      laptop.getByText(
        `Google Password Manager · Added ${formatDateTime('2026-03-01T09:00:00.000Z', 'en')} · Last used ${formatDateTime('2026-03-02T10:30:00.000Z', 'en')}`,
      ),
    ).toBeTruthy();
    const old = within(item('Old key'));
    expect(old.getByText('On one device')).toBeTruthy();
    expect(old.getByText('Blocked')).toBeTruthy();
    expect(old.getByText(/Unknown authenticator · Added .* · Not used yet/)).toBeTruthy();
    expect(old.getByText(/may have been copied/)).toBeTruthy();
    expect(screen.getByText('2 of 10 passkeys')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Passkeys' })).toBeTruthy();
  });

  it('speaks German', async () => {
    renderWithHost(<PasskeysSection />, { language: 'de' });
    await screen.findByText('Work laptop');
    expect(screen.getByRole('heading', { level: 3, name: 'Passkey hinzufügen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Passkey hinzufügen' })).toBeTruthy();
    expect(screen.getByText('Synchronisiert')).toBeTruthy();
    expect(screen.getByText('2 von 10 Passkeys')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Passkey Old key löschen' })).toBeTruthy();
  });

  it('renames in place; a name with bidi controls is refused before any call', async () => {
    const { host } = renderWithHost(<PasskeysSection />);
    await screen.findByText('Work laptop');
    fireEvent.click(screen.getByRole('button', { name: 'Rename passkey Work laptop' }));
    const field = screen.getByLabelText('New name');
    fireEvent.change(field, { target: { value: 'Evil\u202Eexe' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The name contains characters that are not allowed.')).toBeTruthy();
    expect(host.calls.some((c) => c.method === 'renamePasskey')).toBe(false);
    fireEvent.change(field, { target: { value: '  Laptop  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The passkey is now called “Laptop”.')).toBeTruthy();
    expect(host.calls.at(-1)).toEqual({ method: 'renamePasskey', arg: { id: 'pk1', name: 'Laptop' } });
    expect(within(item('Laptop')).getByRole('button', { name: 'Rename passkey Laptop' })).toBeTruthy();
  });

  it('deletes after a confirmation, asking for the password only when the appliance wants it', async () => {
    const { host } = renderWithHost(<PasskeysSection />);
    await screen.findByText('Old key');
    fireEvent.click(screen.getByRole('button', { name: 'Delete passkey Old key' }));
    expect(screen.getByText(/Delete the passkey “Old key”\? It will no longer sign you in/)).toBeTruthy();
    host.failNext('deletePasskey', recentSignInRequired());
    fireEvent.click(within(item('Old key')).getByRole('button', { name: 'Delete' }));
    const password = await screen.findByLabelText('Password');
    expect(host.calls.at(-1)).toEqual({ method: 'deletePasskey', arg: { id: 'pk2' } });
    fireEvent.click(within(item('Old key')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(password, { target: { value: 'my password' } });
    fireEvent.click(within(item('Old key')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('The passkey “Old key” was deleted. Your other sessions were ended.')).toBeTruthy();
    expect(host.calls.at(-1)).toEqual({ method: 'deletePasskey', arg: { id: 'pk2', current_password: 'my password' } });
    expect(screen.queryByText('Old key')).toBeNull();
    expect(screen.getByText('1 of 10 passkeys')).toBeTruthy();
  });

  it('adding needs a name, asks for the password when told to, and says when the browser cannot make passkeys', async () => {
    const { host } = renderWithHost(<PasskeysSection />);
    await screen.findByText('Work laptop');
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Phone' } });
    host.failNext('registrationOptions', recentSignInRequired());
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    fireEvent.change(await screen.findByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    // happy-dom has no WebAuthn: the ceremony cannot start, and the section says why.
    expect(await screen.findByText('This browser or device cannot use passkeys here.')).toBeTruthy();
    expect(host.calls.filter((c) => c.method === 'registrationOptions').map((c) => c.arg)).toEqual([
      {},
      { current_password: 'secret' },
    ]);
    expect(host.calls.some((c) => c.method === 'register')).toBe(false);
  });

  it('a refusal of the appliance is worded by its code', async () => {
    const { host } = renderWithHost(<PasskeysSection />);
    await screen.findByText('Work laptop');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Phone' } });
    host.failNext('registrationOptions', new ApiError(403, 'passkeys_not_allowed', 'x'));
    fireEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your administrator has turned passkeys off for this site.',
    );
  });

  it('at ten passkeys, says so instead of offering to add one', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...PASSKEYS.passkeys[0]!, id: `k${i}`, name: `Key ${i}` }));
    renderWithHost(<PasskeysSection />, { setup: (h) => h.setPasskeys({ ...PASSKEYS, passkeys: ten }) });
    expect(await screen.findByText('You have 10 passkeys, the most allowed. Delete one to add another.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).toBeNull();
    expect(screen.getByText('10 of 10 passkeys')).toBeTruthy();
  });

  it('on a site without passkeys, says so; the list can still be managed', async () => {
    renderWithHost(<PasskeysSection />, {
      setup: (h) => h.setPasskeys({ ...PASSKEYS, registration_allowed: false }),
    });
    expect(await screen.findByText(/Adding passkeys is not available on this site/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete passkey Old key' })).toBeTruthy();
  });

  it('in the desktop console, lists, renames and deletes, and says where passkeys are added', async () => {
    renderWithHost(<PasskeysSection />, {
      setup: (h) => {
        Object.assign(h, { kind: 'desktop' });
        delete (h as { passkeys?: unknown }).passkeys;
      },
    });
    expect(await screen.findByText(/The desktop console cannot create passkeys/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add a passkey' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Rename passkey Work laptop' })).toBeTruthy();
  });
});
