/**
 * My Account → Sessions with the fake host: every session in the shared sessions table, the one in
 * use marked and without an End button, ending another removes its row, and a refusal is shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { SessionsSection } from '../../src-renderer/components/account/sections/SessionsSection.js';
import { formatDateTime } from '../../src-renderer/i18n/format.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { ApiError } from '../../src-shared/api-error.js';
import { SESSIONS } from './support/fake-sessions.js';
import { renderWithHost, resetRendered } from './support/render.js';

afterEach(() => {
  resetRendered();
  leaveSession();
});

const row = (id: string) => within(document.querySelector<HTMLElement>(`tr[data-session-id="${id}"]`)!);
const consoleEnd = `End session: Console from 203.0.113.7, logged in ${formatDateTime('2026-03-08T07:00:00.000Z', 'en')}`;

describe('sessions section', () => {
  it('lists each session; only the others can be ended', async () => {
    renderWithHost(<SessionsSection />, { setup: (h) => h.answer('listSessions', async () => SESSIONS) });
    await screen.findByRole('table', { name: 'Your sessions' });
    expect(document.querySelectorAll('tr[data-session-id]')).toHaveLength(3);
    expect(row('current-session-1').getByText('This session')).toBeTruthy();
    expect(row('current-session-1').queryByRole('button')).toBeNull();
    expect(row('console-session-2').getByRole('button', { name: consoleEnd })).toBeTruthy();
    expect(row('web-session-3').getByText('—')).toBeTruthy();
  });

  it('ends a session and removes its row; a refusal keeps the row and says why', async () => {
    const { host } = renderWithHost(<SessionsSection />, {
      setup: (h) => h.answer('listSessions', async () => SESSIONS),
    });
    await screen.findByRole('table', { name: 'Your sessions' });
    host.failNext('endSession', new ApiError(404, 'not_found', 'No such session.'));
    fireEvent.click(screen.getByRole('button', { name: consoleEnd }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(document.querySelectorAll('tr[data-session-id]')).toHaveLength(3);
    fireEvent.click(screen.getByRole('button', { name: consoleEnd }));
    expect(await screen.findByText('The session was ended.')).toBeTruthy();
    await waitFor(() => expect(document.querySelector('tr[data-session-id="console-session-2"]')).toBeNull());
    expect(host.calls.filter((c) => c.method === 'endSession').map((c) => c.arg)).toEqual([
      'console-session-2',
      'console-session-2',
    ]);
  });

  it('speaks German', async () => {
    renderWithHost(<SessionsSection />, {
      language: 'de',
      setup: (h) => h.answer('listSessions', async () => SESSIONS),
    });
    await screen.findByRole('table', { name: 'Ihre Sitzungen' });
    expect(row('current-session-1').getByText('Diese Sitzung')).toBeTruthy();
    expect(
      row('console-session-2').getByRole('button', { name: /^Sitzung beenden: Konsole von 203\.0\.113\.7/ }),
    ).toBeTruthy();
  });
});
