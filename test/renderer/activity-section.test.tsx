/**
 * My Account → Security activity with the fake host: each kind of entry rendered from its kind and
 * data in English and German, the new-device mark, grouped failed attempts, a kind this console
 * does not know, older pages on request, and an error kept visible.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { ActivitySection } from '../../src-renderer/components/account/sections/ActivitySection.js';
import { formatDateTime } from '../../src-renderer/i18n/format.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { type ActivityItem } from '../../src-shared/api/activity.js';
import { ApiError } from '../../src-shared/api-error.js';
import { renderWithHost, resetRendered } from './support/render.js';

afterEach(() => {
  resetRendered();
  leaveSession();
});

const origin = {
  client: 'console' as const,
  console_version: '2.4.1',
  ip: '203.0.113.7',
  browser: 'Electron 39',
  os: 'Windows',
};
const ITEMS: ActivityItem[] = [
  {
    id: '9',
    at: '2026-03-09T08:00:00.000Z',
    kind: 'sign_in',
    data: { method: 'password', second_factor: 'totp', new_device: true, ...origin },
  },
  {
    id: '8',
    at: '2026-03-08T07:00:00.000Z',
    kind: 'sign_in_failed',
    data: {
      method: 'password',
      count: 4,
      last_at: '2026-03-08T07:20:00.000Z',
      ...origin,
      client: 'web',
      console_version: null,
      browser: 'Firefox 133',
      os: 'Linux',
    },
  },
  { id: '7', at: '2026-03-08T07:21:00.000Z', kind: 'locked', data: { until: '2026-03-08T07:36:00.000Z' } },
  { id: '6', at: '2026-03-07T10:00:00.000Z', kind: 'unlocked', data: { by: 'admin' } },
  { id: '5', at: '2026-03-06T10:00:00.000Z', kind: 'password_changed', data: { via: 'reset' } },
  { id: '4', at: '2026-03-05T10:00:00.000Z', kind: 'sessions_ended', data: { reason: 'password_changed', count: 2 } },
  {
    id: '3',
    at: '2026-03-04T10:00:00.000Z',
    kind: 'passkey_changed',
    data: { change: 'registered', name: 'Work laptop' },
  },
  { id: '2', at: '2026-03-03T10:00:00.000Z', kind: 'two_factor_changed', data: { change: 'enabled' } },
  {
    id: '1',
    at: '2026-03-02T10:00:00.000Z',
    kind: 'update_token_revoked',
    data: { install_id: 'inst-42', reason: 'admin' },
  },
];

const entry = (id: string) =>
  within(
    document.querySelector(`li[data-kind] time[datetime="${ITEMS.find((i) => i.id === id)!.at}"]`)!.closest('li')!,
  );

describe('security activity section', () => {
  it('renders each entry in English from its kind and data, newest first', async () => {
    renderWithHost(<ActivitySection />, { setup: (h) => h.setActivity(ITEMS) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Security activity' })).toBeTruthy();
    await screen.findByText('Signed in');
    const signIn = entry('9');
    expect(signIn.getByText('New device')).toBeTruthy();
    expect(signIn.getByText('With the password and an authenticator code')).toBeTruthy();
    expect(signIn.getByText('Desktop console 2.4.1 · Electron 39, Windows')).toBeTruthy();
    expect(signIn.getByText('IP address 203.0.113.7')).toBeTruthy();
    expect(signIn.getByText(formatDateTime('2026-03-09T08:00:00.000Z', 'en'))).toBeTruthy();

    const failed = entry('8');
    expect(failed.getByText('4 failed sign-in attempts')).toBeTruthy();
    expect(failed.getByText('Wrong password')).toBeTruthy();
    expect(failed.getByText('Web console · Firefox 133, Linux')).toBeTruthy();
    expect(
      failed.getByText(
        `From ${formatDateTime('2026-03-08T07:00:00.000Z', 'en')} to ${formatDateTime('2026-03-08T07:20:00.000Z', 'en')}`,
      ),
    ).toBeTruthy();
    expect(entry('7').getByText(`Locked until ${formatDateTime('2026-03-08T07:36:00.000Z', 'en')}.`)).toBeTruthy();
    expect(entry('6').getByText('Unlocked by an administrator.')).toBeTruthy();
    expect(entry('5').getByText('With a password reset link.')).toBeTruthy();
    expect(entry('4').getByText('2 sessions ended by the password change.')).toBeTruthy();
    expect(entry('3').getByText('“Work laptop” added.')).toBeTruthy();
    expect(entry('2').getByText('Authenticator app set up.')).toBeTruthy();
    expect(entry('1').getByText('Revoked by an administrator.')).toBeTruthy();
    expect(entry('1').getByText('Console install inst-42.')).toBeTruthy();
    const order = [...document.querySelectorAll('li[data-kind]')].map((li) => li.getAttribute('data-kind'));
    expect(order).toEqual(ITEMS.map((i) => i.kind));
    expect(screen.getByText('That is everything from the last 90 days.')).toBeTruthy();
  });

  it('speaks German', async () => {
    renderWithHost(<ActivitySection />, { language: 'de', setup: (h) => h.setActivity(ITEMS) });
    expect(await screen.findByRole('heading', { level: 2, name: 'Sicherheitsaktivität' })).toBeTruthy();
    await screen.findByText('Angemeldet');
    expect(entry('9').getByText('Neues Gerät')).toBeTruthy();
    expect(entry('9').getByText('Mit dem Kennwort und einem Authenticator-Code')).toBeTruthy();
    expect(entry('9').getByText('IP-Adresse 203.0.113.7')).toBeTruthy();
    expect(entry('8').getByText('4 fehlgeschlagene Anmeldeversuche')).toBeTruthy();
    expect(entry('8').getByText('Falsches Kennwort')).toBeTruthy();
    expect(entry('7').getByText(`Gesperrt bis ${formatDateTime('2026-03-08T07:36:00.000Z', 'de')}.`)).toBeTruthy();
    expect(entry('4').getByText('2 Sitzungen durch die Kennwortänderung beendet.')).toBeTruthy();
    expect(entry('3').getByText('„Work laptop“ hinzugefügt.')).toBeTruthy();
    expect(entry('1').getByText('Von einem Administrator widerrufen.')).toBeTruthy();
    expect(screen.getByText(formatDateTime('2026-03-09T08:00:00.000Z', 'de'))).toBeTruthy();
  });

  it('loads older pages on request, each entry once, until the last', async () => {
    const { host } = renderWithHost(<ActivitySection />, { setup: (h) => h.setActivity(ITEMS, 4) });
    await screen.findByText('Signed in');
    expect(document.querySelectorAll('li[data-kind]')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Show older entries' }));
    await screen.findByText('“Work laptop” added.');
    expect(document.querySelectorAll('li[data-kind]')).toHaveLength(8);
    fireEvent.click(screen.getByRole('button', { name: 'Show older entries' }));
    await screen.findByText('Revoked by an administrator.');
    expect(document.querySelectorAll('li[data-kind]')).toHaveLength(9);
    expect(screen.queryByRole('button', { name: 'Show older entries' })).toBeNull();
    expect(host.calls.filter((c) => c.method === 'listActivity').map((c) => c.arg)).toEqual([
      {},
      { cursor: '6' },
      { cursor: '2' },
    ]);
  });

  it('an unknown kind, an unknown reason and an empty timeline still read well', async () => {
    renderWithHost(<ActivitySection />, {
      setup: (h) =>
        h.setActivity([
          {
            id: '2',
            at: '2026-03-02T10:00:00.000Z',
            kind: 'sessions_ended',
            data: { reason: 'something_new', count: 1 },
          },
          { id: '1', at: '2026-03-01T10:00:00.000Z', kind: 'future_kind', data: {} } as unknown as ActivityItem,
        ]),
    });
    await screen.findByText('One session ended.');
    expect(screen.getByText('Security event')).toBeTruthy();
    resetRendered();
    leaveSession();
    renderWithHost(<ActivitySection />, { setup: (h) => h.setActivity([]) });
    expect(await screen.findByText('Nothing has happened to your account in the last 90 days.')).toBeTruthy();
  });

  it('shows why the timeline could not be read', async () => {
    renderWithHost(<ActivitySection />, {
      setup: (h) => h.failNext('listActivity', new ApiError(401, 'session_expired', 'x')),
    });
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
