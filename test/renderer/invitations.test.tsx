/**
 * Invitations that reach the console live (the appliance sends them over a desktop console's event
 * socket and tells the sender "delivered by console"): My Account shows who invites, their
 * message and when, once per invitation, until dismissed or the session ends; in either language.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { useInvitationsStore } from '../../src-renderer/stores/invitations-store.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { renderWithHost, resetRendered } from './support/render.js';

afterEach(() => {
  resetRendered();
  leaveSession();
  localStorage.removeItem('console.language');
});

const INVITATION = {
  id: 'inv-1',
  from_username: 'bob',
  from_display_name: 'Bob Builder',
  message: 'Can you take over the printer case?',
  link: 'https://support.example.com/console/#/invitations/inv-1',
};

async function inMyAccount(language: 'en' | 'de' = 'en') {
  const r = renderWithHost(<App />, { language });
  void useAuthStore.getState().start();
  await screen.findByRole('navigation');
  return r;
}

describe('live invitations', () => {
  it('shows the sender, the message and when; the same invitation twice is shown once; dismiss removes it', async () => {
    const { host } = await inMyAccount();
    expect(screen.queryByRole('region', { name: 'Invitations' })).toBeNull();
    act(() => host.emit({ type: 'invitation', data: INVITATION }));
    act(() => host.emit({ type: 'invitation', data: INVITATION }));
    const region = await screen.findByRole('region', { name: 'Invitations' });
    expect(region.querySelectorAll('li')).toHaveLength(1);
    expect(screen.getByText('Bob Builder (bob) invites you to join a support session.')).toBeTruthy();
    expect(screen.getByText('Can you take over the printer case?')).toBeTruthy();
    expect(screen.getByText(/^Received /)).toBeTruthy();
    expect(screen.getByRole('status', { hidden: true, name: '' }).textContent).toBe('New invitation from Bob Builder');
    act(() => host.emit({ type: 'invitation', data: { ...INVITATION, id: 'inv-2', message: null } }));
    expect(region.querySelectorAll('li')).toHaveLength(2);
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[1]!);
    expect(screen.queryByText('Can you take over the printer case?')).toBeNull();
    expect(region.querySelectorAll('li')).toHaveLength(1);
  });

  it('in German, and gone once the session ends', async () => {
    localStorage.setItem('console.language', 'de'); // the person's choice (else App applies the site default, English)
    const { host } = await inMyAccount('de');
    act(() => host.emit({ type: 'invitation', data: INVITATION }));
    expect(await screen.findByText('Bob Builder (bob) lädt Sie zu einer Support-Sitzung ein.')).toBeTruthy();
    act(() => host.emit({ type: 'session.revoked', data: { reason: 'ended_by_user' } }));
    await screen.findByLabelText('Benutzername');
    expect(useInvitationsStore.getState().received).toEqual([]);
  });
});
