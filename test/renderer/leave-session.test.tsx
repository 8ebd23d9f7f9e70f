/**
 * `leaveSession()`: logout, revocation and a used reset link forget everything of the person who
 * was signed in (every per-user store back to its initial state, a chosen photo's preview URL
 * released), and an answer that arrives after its session was left does not refill a store.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { App } from '../../src-renderer/components/App.js';
import { setHost } from '../../src-renderer/host/host.js';
import { useAccountStore } from '../../src-renderer/stores/account-store.js';
import { useAuthStore } from '../../src-renderer/stores/auth-store.js';
import { useDownloadsStore } from '../../src-renderer/stores/downloads-store.js';
import { useInvitationsStore } from '../../src-renderer/stores/invitations-store.js';
import { usePhotoStore } from '../../src-renderer/stores/photo-store.js';
import { leaveSession } from '../../src-renderer/stores/session-scope.js';
import { useSessionsStore } from '../../src-renderer/stores/sessions-store.js';
import { useTwoFactorStore } from '../../src-renderer/stores/two-factor-store.js';
import { type SessionInfo } from '../../src-shared/api/account.js';
import { ACCOUNT, createFakeHost } from './support/fake-host.js';
import { renderWithHost } from './support/render.js';

const SESSION: SessionInfo = {
  id: 'alice-session-1',
  client: 'web',
  user_agent: 'Chromium',
  ip: '127.0.0.1',
  created_at: '2026-01-01T00:00:00.000Z',
  last_seen_at: '2026-01-01T00:00:00.000Z',
  current: true,
};

afterEach(() => {
  cleanup();
  history.replaceState(null, '', window.location.pathname);
  useAuthStore.setState({ phase: 'starting', step: 'credentials', pending: null, error: null, notice: null });
  leaveSession();
});

/** Puts something of Alice's into every per-user store. */
function fillAliceStores(): void {
  useAccountStore.setState({ account: ACCOUNT });
  useSessionsStore.setState({ sessions: [SESSION] });
  useTwoFactorStore.setState({
    setup: { secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x' },
    recoveryCodes: ['aaaa-bbbb'],
  });
  useDownloadsStore.setState({
    items: [{ id: 'console-win' } as never],
    apiAvailable: true,
    loaded: true,
    saves: { 'console-win': { busy: false, saved_to: '/home/alice/Downloads/x.msi' } },
  });
  useInvitationsStore.getState().add({
    id: 'inv-1',
    from_username: 'bob',
    from_display_name: 'Bob',
    message: 'for Alice',
    link: 'https://x/',
  });
  usePhotoStore.setState({
    pending: {
      name: 'alice.png',
      bytes: new Uint8Array(1),
      previewUrl: 'blob:alice-preview',
      contentType: 'image/png',
      width: 100,
      height: 100,
    } as never,
  });
}

function expectNothingOfAlice(): void {
  expect(useAccountStore.getState().account).toBeNull();
  expect(useSessionsStore.getState().sessions).toBeNull();
  expect(useTwoFactorStore.getState()).toMatchObject({ setup: null, recoveryCodes: null });
  expect(useDownloadsStore.getState()).toMatchObject({ items: [], apiAvailable: false, loaded: false, saves: {} });
  expect(useInvitationsStore.getState().received).toEqual([]);
  expect(usePhotoStore.getState()).toMatchObject({ pending: null, problem: null });
}

describe('leaveSession', () => {
  it('logout resets every per-user store and releases the photo preview', async () => {
    setHost(createFakeHost());
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    fillAliceStores();
    await useAuthStore.getState().logout();
    expectNothingOfAlice();
    expect(revoke).toHaveBeenCalledWith('blob:alice-preview');
    revoke.mockRestore();
  });

  it('a revoked session resets them too', () => {
    setHost(createFakeHost());
    fillAliceStores();
    useAuthStore.getState().revoked('disabled');
    expectNothingOfAlice();
  });

  it('leaving the reset-link screen resets them too (the link ended every session)', async () => {
    history.replaceState(null, '', '#/password-reset?token=abc');
    renderWithHost(<App />);
    useAuthStore.setState({ phase: 'app' });
    fillAliceStores();
    fireEvent.click(await screen.findByRole('button', { name: 'Back to login' }));
    await screen.findByLabelText('Username');
    expectNothingOfAlice();
  });

  it("an answer for the session that was left does not refill a store (A's sessions arriving after logout)", async () => {
    const host = createFakeHost();
    let answer!: (s: SessionInfo[]) => void;
    host.listSessions = () => new Promise<SessionInfo[]>((resolve) => (answer = resolve));
    let setupAnswer!: (s: { secret: string; otpauth_uri: string }) => void;
    host.setupTwoFactor = () => new Promise((resolve) => (setupAnswer = resolve));
    setHost(host);
    const loading = useSessionsStore.getState().load();
    const beginning = useTwoFactorStore.getState().begin();
    await useAuthStore.getState().logout();
    answer([SESSION]);
    setupAnswer({ secret: 'JBSWY3DPEHPK3PXP', otpauth_uri: 'otpauth://totp/x' });
    await loading;
    await beginning;
    expect(useSessionsStore.getState().sessions).toBeNull();
    expect(useTwoFactorStore.getState().setup).toBeNull();
    // The next session's own answers are kept.
    host.listSessions = async () => [{ ...SESSION, id: 'bruno-session-1' }];
    await useSessionsStore.getState().load();
    expect(useSessionsStore.getState().sessions?.map((s) => s.id)).toEqual(['bruno-session-1']);
  });
});
