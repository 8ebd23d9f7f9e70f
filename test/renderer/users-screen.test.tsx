/**
 * Management > Users with the fake host: the table searched and paged through the shared paging
 * footer, the open user's settings (only what changed is sent), their sessions, update tokens and
 * security activity, the last administrator's controls off with the reason, the two-factor reset's
 * confirmation naming the user, and both ways of creating a user; English and German.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { UsersScreen } from '../../src-renderer/components/admin/UsersScreen.js';
import { registerAdminTexts } from '../../src-renderer/i18n/admin-texts.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { ApiError } from '../../src-shared/api-error.js';
import { type UpdateTokenInfo } from '../../src-shared/api/updates.js';
import { type FakeHost, SITE } from './support/fake-host.js';
import { adminUser, installAdminUsers } from './support/fake-admin.js';
import { SESSIONS } from './support/fake-sessions.js';
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

const USERS = [
  adminUser(1, { username: 'admin', is_admin: true, last_admin: true, private_display_name: 'Site Admin' }),
  ...Array.from({ length: 7 }, (_, i) => adminUser(i + 2)),
];
USERS[3] = adminUser(4, { locked: true, two_factor_enabled: true });
const TOKENS: UpdateTokenInfo[] = [
  {
    id: 'tok-live',
    install_id: 'install-live-1',
    username: 'tech0004',
    created_at: '2026-03-01T08:00:00.000Z',
    last_used_at: null,
    revoked_at: null,
  },
  {
    id: 'tok-old',
    install_id: 'install-old-2',
    username: 'tech0004',
    created_at: '2026-02-01T08:00:00.000Z',
    last_used_at: '2026-02-02T08:00:00.000Z',
    revoked_at: '2026-02-03T08:00:00.000Z',
  },
];

const userRows = () => [...document.querySelectorAll('tr[data-user]')].map((r) => r.getAttribute('data-user'));
const calls = (host: FakeHost, method: string) => host.calls.filter((c) => c.method === method).map((c) => c.arg);

function withUsers(pageSize = 50) {
  return (h: FakeHost) => {
    installAdminUsers(h, USERS, pageSize);
    h.answer('listUserSessions', async () => structuredClone(SESSIONS.slice(1)));
    let tokens = structuredClone(TOKENS);
    h.answer('listUserUpdateTokens', async () => structuredClone(tokens));
    h.answer('revokeUpdateToken', async (id) => {
      tokens = tokens.map((t) => (t.id === id ? { ...t, revoked_at: '2026-03-09T10:00:00.000Z' } : t));
    });
    h.answer('listUserActivity', async ({ cursor }) =>
      cursor
        ? {
            items: [{ id: '1', at: '2026-03-01T08:00:00.000Z', kind: 'unlocked', data: { by: 'admin' } }],
            next_cursor: null,
          }
        : {
            items: [
              { id: '2', at: '2026-03-02T08:00:00.000Z', kind: 'locked', data: { until: '2026-03-02T08:15:00.000Z' } },
            ],
            next_cursor: '2',
          },
    );
  };
}

async function openUser(username: string) {
  fireEvent.click(await screen.findByRole('button', { name: `Open ${username}` }));
  const detail = document.querySelector<HTMLElement>(`[data-open-user="${username}"]`)!;
  expect(detail).toBeTruthy();
  return within(detail);
}

describe('users screen', () => {
  it('pages through the table with the paging footer and searches on the appliance', async () => {
    const { host } = renderWithHost(<UsersScreen />, { setup: withUsers(3) });
    await waitFor(() => expect(userRows()).toEqual(['admin', 'tech0002', 'tech0003']));
    fireEvent.click(screen.getByRole('button', { name: 'Show more users' }));
    await waitFor(() => expect(userRows()).toHaveLength(6));
    fireEvent.click(screen.getByRole('button', { name: 'Show more users' }));
    await waitFor(() => expect(userRows()).toHaveLength(8));
    expect(screen.queryByRole('button', { name: 'Show more users' })).toBeNull();
    expect(calls(host, 'listAdminUsers')).toEqual([
      { sort: 'username' },
      { sort: 'username', cursor: '3' },
      { sort: 'username', cursor: '6' },
    ]);
    fireEvent.change(screen.getByLabelText('Search by username, name or email'), { target: { value: ' 0004 ' } });
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: '-created' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(userRows()).toEqual(['tech0004']));
    expect(calls(host, 'listAdminUsers').at(-1)).toEqual({ q: '0004', sort: '-created' });
    expect(within(document.querySelector<HTMLElement>('tr[data-user]')!).getByText('Locked')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Search by username, name or email'), { target: { value: 'nobody' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findByText('No user matches this search.')).toBeTruthy();
  });

  it("shows the open user's sessions, update tokens and activity, and ends and revokes one each", async () => {
    const { host } = renderWithHost(<UsersScreen />, { setup: withUsers() });
    const detail = await openUser('tech0004');
    await detail.findByRole('table', { name: 'Sessions of Technician 4' });
    expect(detail.getAllByRole('button', { name: /^End session: / })).toHaveLength(2);
    fireEvent.click(detail.getByRole('button', { name: /^End session: Console from 203\.0\.113\.7/ }));
    await waitFor(() => expect(document.querySelector('tr[data-session-id="console-session-2"]')).toBeNull());
    expect(calls(host, 'endUserSession')).toEqual([{ id: 4, session_id: 'console-session-2' }]);

    const live = within(document.querySelector<HTMLElement>('tr[data-token-install="install-live-1"]')!);
    expect(live.getByText('Active')).toBeTruthy();
    expect(live.getByText('never')).toBeTruthy();
    const old = within(document.querySelector<HTMLElement>('tr[data-token-install="install-old-2"]')!);
    expect(old.queryByRole('button')).toBeNull();
    fireEvent.click(live.getByRole('button', { name: 'Revoke the update token of install install-live-1' }));
    await detail.findByText(/^The update token of install install-live-1 was revoked/);
    expect(live.queryByRole('button')).toBeNull();
    expect(live.getByText(/^Revoked /)).toBeTruthy();
    expect(calls(host, 'revokeUpdateToken')).toEqual(['tok-live']);

    expect(await detail.findByText(/^Locked until /)).toBeTruthy();
    fireEvent.click(detail.getByRole('button', { name: 'Show older entries' }));
    expect(await detail.findByText('Unlocked by an administrator.')).toBeTruthy();
    expect(calls(host, 'listUserActivity')).toEqual([{ id: 4 }, { id: 4, cursor: '2' }]);
  });

  it('sends only what changed: names and email beside the flags', async () => {
    const { host } = renderWithHost(<UsersScreen />, { setup: withUsers() });
    const detail = await openUser('tech0003');
    fireEvent.click(detail.getByRole('button', { name: 'Save settings' }));
    expect(await detail.findByText('Nothing changed.')).toBeTruthy();
    fireEvent.change(detail.getByLabelText('Public display name'), { target: { value: ' Tess ' } });
    fireEvent.change(detail.getByLabelText('Email'), { target: { value: 'tess@example.org' } });
    fireEvent.click(detail.getByLabelText('Two-factor authentication required'));
    fireEvent.click(detail.getByRole('button', { name: 'Save settings' }));
    expect(await detail.findByText('The settings of Technician 3 were saved.')).toBeTruthy();
    expect(calls(host, 'updateAdminUser')).toEqual([
      { id: 3, patch: { two_factor_required: true, public_display_name: 'Tess', email_address: 'tess@example.org' } },
    ]);
    await waitFor(() =>
      expect(
        within(document.querySelector<HTMLElement>('tr[data-user="tech0003"]')!).getByText('tess@example.org'),
      ).toBeTruthy(),
    );
    // The change may have ended sessions and is in the timeline: the lists are read again.
    expect(calls(host, 'listUserSessions')).toEqual([3, 3]);
    expect(calls(host, 'listUserActivity')).toEqual([{ id: 3 }, { id: 3 }]);
  });

  it("turns off the last administrator's demotion and disabling, with the reason, before anyone tries", async () => {
    renderWithHost(<UsersScreen />, { setup: withUsers() });
    const detail = await openUser('admin');
    const reason = 'This is the last enabled administrator of the site: they cannot be demoted or disabled.';
    const box = detail.getByLabelText<HTMLInputElement>('Administrator');
    expect(box.disabled).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby')!)!.textContent).toBe(reason);
    const disable = detail.getByRole<HTMLButtonElement>('button', { name: 'Disable' });
    expect(disable.disabled).toBe(true);
    expect(document.getElementById(disable.getAttribute('aria-describedby')!)!.textContent).toBe(reason);
    resetRendered();
    leaveSession();
    renderWithHost(<UsersScreen />, { setup: withUsers() });
    const other = await openUser('tech0002');
    expect(other.getByLabelText<HTMLInputElement>('Administrator').disabled).toBe(false);
    expect(other.getByRole<HTMLButtonElement>('button', { name: 'Disable' }).disabled).toBe(false);
    expect(other.queryByText(reason)).toBeNull();
  });

  it('unlocks, and resets two-factor only after a confirmation that names the user', async () => {
    const { host } = renderWithHost(<UsersScreen />, { setup: withUsers() });
    const detail = await openUser('tech0004');
    fireEvent.click(detail.getByRole('button', { name: 'Unlock' }));
    expect(await detail.findByText('Technician 4 is unlocked.')).toBeTruthy();
    expect(detail.queryByRole('button', { name: 'Unlock' })).toBeNull();
    fireEvent.click(detail.getByRole('button', { name: 'Reset two-factor authentication' }));
    const question = within(detail.getByRole('alertdialog'));
    expect(question.getByText(/^Reset two-factor authentication for Technician 4 \(tech0004\)\?/)).toBeTruthy();
    fireEvent.click(question.getByRole('button', { name: 'Cancel' }));
    expect(calls(host, 'resetUserTwoFactor')).toEqual([]);
    fireEvent.click(detail.getByRole('button', { name: 'Reset two-factor authentication' }));
    fireEvent.click(detail.getByRole('button', { name: 'Reset for Technician 4' }));
    expect(await detail.findByText('Two-factor authentication of Technician 4 was reset.')).toBeTruthy();
    expect(calls(host, 'resetUserTwoFactor')).toEqual([4]);
    expect(calls(host, 'updateAdminUser')).toEqual([{ id: 4, patch: { unlock: true } }]);
  });

  it('creates a user with a mailed set-password link, or with an initial password', async () => {
    const { host } = renderWithHost(<UsersScreen />, { setup: withUsers() });
    fireEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const form = within(screen.getByRole('heading', { name: 'New user' }).closest<HTMLElement>('.card')!);
    expect(form.getByLabelText<HTMLInputElement>('Email a set-password link').checked).toBe(true);
    expect(form.queryByLabelText('Initial password')).toBeNull();
    expect(form.getByLabelText<HTMLInputElement>('Email').required).toBe(true);
    fireEvent.change(form.getByLabelText('Username'), { target: { value: ' newtech ' } });
    fireEvent.change(form.getByLabelText('Email'), { target: { value: 'new@example.com' } });
    fireEvent.click(form.getByRole('button', { name: 'Create user' }));
    expect(
      await screen.findByText('newtech was created. A link to set the password was mailed to new@example.com.'),
    ).toBeTruthy();
    expect(calls(host, 'createAdminUser')).toEqual([
      {
        username: 'newtech',
        set_password_link: true,
        email_address: 'new@example.com',
        is_admin: false,
        two_factor_required: false,
        password_change_required: false,
      },
    ]);
    expect(document.querySelector('[data-open-user="newtech"]')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New user' }));
    const second = within(screen.getByRole('heading', { name: 'New user' }).closest<HTMLElement>('.card')!);
    fireEvent.click(second.getByLabelText('Set an initial password'));
    fireEvent.change(second.getByLabelText('Username'), { target: { value: 'pwtech' } });
    fireEvent.change(second.getByLabelText('Initial password'), { target: { value: 'short' } });
    host.failNext('createAdminUser', new ApiError(422, 'password_policy', 'Too short.', { failed: ['min_length'] }));
    fireEvent.click(second.getByRole('button', { name: 'Create user' }));
    expect(await second.findByRole('alert')).toBeTruthy();
    fireEvent.change(second.getByLabelText('Initial password'), { target: { value: 'Meadow-Lantern-Quiet-58' } });
    fireEvent.click(second.getByRole('button', { name: 'Create user' }));
    expect(await screen.findByText('pwtech was created with the initial password.')).toBeTruthy();
    expect(calls(host, 'createAdminUser').at(-1)).toEqual({
      username: 'pwtech',
      password: 'Meadow-Lantern-Quiet-58',
      is_admin: false,
      two_factor_required: false,
      password_change_required: true,
    });
  });

  it('offers only the initial password while the site has password reset off, and says why', async () => {
    renderWithHost(<UsersScreen />, { site: { ...SITE, password_reset_enabled: false }, setup: withUsers() });
    fireEvent.click(await screen.findByRole('button', { name: 'New user' }));
    const form = within(screen.getByRole('heading', { name: 'New user' }).closest<HTMLElement>('.card')!);
    const link = form.getByLabelText<HTMLInputElement>('Email a set-password link');
    expect(link.disabled).toBe(true);
    expect(document.getElementById(link.getAttribute('aria-describedby')!)!.textContent).toBe(
      'Set-password links use password reset, which is turned off under Security.',
    );
    expect(form.getByLabelText<HTMLInputElement>('Set an initial password').checked).toBe(true);
    expect(form.getByLabelText('Initial password')).toBeTruthy();
  });

  it('speaks German', async () => {
    renderWithHost(<UsersScreen />, { language: 'de', setup: withUsers() });
    expect(await screen.findByRole('heading', { level: 2, name: 'Benutzer' })).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'admin öffnen' }));
    expect(
      screen.getAllByText(
        'Dies ist der letzte aktive Administrator der Site: Er kann weder herabgestuft noch deaktiviert werden.',
      ),
    ).toHaveLength(2);
    expect(await screen.findByRole('table', { name: 'Sitzungen von Site Admin' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Update-Token' })).toBeTruthy();
  });
});
