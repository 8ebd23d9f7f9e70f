/**
 * Where the person is: starting up, at the login screen (credentials, then the second factor when
 * asked), or in the console. Also why they were sent back to login (a revoked session).
 */
import { create } from 'zustand';
import { type Credentials } from '../../src-shared/api/auth.js';
import { type LiveEventMap } from '../../src-shared/api/events.js';
import { ApiError, isApiError } from '../../src-shared/errors.js';
import { host } from '../host/host.js';
import { useAccountStore } from './account-store.js';
import { leaveSession } from './session-scope.js';
import { useSiteStore } from './site-store.js';

export type Phase = 'starting' | 'login' | 'app' | 'unreachable' | 'site_setup';
export type LoginStep = 'credentials' | 'second_factor';
export type RevokedReason = LiveEventMap['session.revoked']['reason'];
export type Notice = { kind: 'revoked'; reason: RevokedReason } | { kind: 'logged_out' };

interface AuthState {
  phase: Phase;
  step: LoginStep;
  /** Kept only between the password step and the code step, never persisted. */
  pending: { username: string; password: string } | null;
  error: ApiError | null;
  busy: boolean;
  notice: Notice | null;
  start(): Promise<void>;
  submitCredentials(username: string, password: string): Promise<void>;
  submitSecondFactor(second: { otp_code?: string; recovery_code?: string }): Promise<void>;
  backToCredentials(): void;
  logout(): Promise<void>;
  revoked(reason: RevokedReason): void;
}

function asApiError(err: unknown): ApiError {
  return isApiError(err) ? err : new ApiError(0, 'network_error', String((err as Error)?.message ?? err));
}

export const useAuthStore = create<AuthState>()((set, get) => {
  async function attempt(credentials: Credentials): Promise<void> {
    set({ busy: true, error: null, notice: null });
    try {
      const { account } = await host().login(credentials);
      useAccountStore.getState().set(account);
      set({ phase: 'app', step: 'credentials', pending: null, busy: false });
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'otp_required') {
        set({
          step: 'second_factor',
          pending: { username: credentials.username, password: credentials.password },
          busy: false,
        });
        return;
      }
      set({ error, busy: false });
    }
  }

  return {
    phase: 'starting',
    step: 'credentials',
    pending: null,
    error: null,
    busy: false,
    notice: null,
    async start() {
      // Both at once: the login screen paints only when the site is known and no session exists.
      const [site, account] = await Promise.allSettled([
        useSiteStore.getState().load(),
        useAccountStore.getState().refresh(),
      ]);
      // The desktop console before its site is known asks for it (first run without an MSI binding).
      if (site.status === 'rejected')
        set({
          phase: isApiError(site.reason) && site.reason.code === 'site_not_configured' ? 'site_setup' : 'unreachable',
        });
      else set({ phase: account.status === 'fulfilled' ? 'app' : 'login' });
    },
    submitCredentials: (username, password) => attempt({ username, password }),
    async submitSecondFactor(second) {
      const pending = get().pending;
      if (!pending) return;
      await attempt({ ...pending, ...second });
    },
    backToCredentials: () => set({ step: 'credentials', pending: null, error: null }),
    async logout() {
      try {
        await host().logout();
      } catch {
        // The session may already be gone; the person still leaves.
      }
      leaveSession();
      set({ phase: 'login', step: 'credentials', pending: null, error: null, notice: { kind: 'logged_out' } });
    },
    revoked(reason) {
      leaveSession();
      set({ phase: 'login', step: 'credentials', pending: null, error: null, notice: { kind: 'revoked', reason } });
    },
  };
});
