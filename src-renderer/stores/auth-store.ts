/**
 * Where the person is: starting up, at the login screen (credentials, then the second factor when
 * asked), or in the console. Also why they were sent back to login (a revoked session).
 */
import { create } from 'zustand';
import { type Credentials } from '../../src-shared/api/auth.js';
import { type SecondStep } from '../../src-shared/api/passkeys.js';
import { type LiveEventMap } from '../../src-shared/api/events.js';
import { ApiError, isApiError } from '../../src-shared/api-error.js';
import { host } from '../host/host.js';
import { cancelPasskeyRequest, CeremonyFailure, getPasskey } from '../lib/webauthn.js';
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
  /**
   * Kept only between the password step and the second step, never persisted: the credentials
   * and what the appliance offered (the factors, a passkey challenge, which is answered once).
   */
  pending: { username: string; password: string; step: SecondStep } | null;
  /** The appliance's refusal, or what happened in the browser's passkey ceremony. */
  error: ApiError | CeremonyFailure | null;
  busy: boolean;
  notice: Notice | null;
  /** The desktop console is waiting for the person to sign in in the system browser. */
  browserWaiting: boolean;
  /** The web console completing a desktop console's sign-in: that request's id. */
  desktopRequest: string | null;
  start(): Promise<void>;
  submitCredentials(username: string, password: string): Promise<void>;
  submitSecondFactor(second: { otp_code?: string; recovery_code?: string }): Promise<void>;
  /** The second factor with a passkey: the browser asks for one of the account's passkeys. */
  secondFactorWithPasskey(): Promise<void>;
  /** Passwordless: the browser asks which passkey; the appliance signs its owner in. */
  signInWithPasskey(): Promise<void>;
  /**
   * The username field offers the site's passkeys among its suggestions (conditional UI) while the
   * credentials step is shown; `false` withdraws the offer.
   */
  offerPasskeyAutofill(on: boolean): void;
  backToCredentials(): void;
  /** The system browser's sign-in (desktop), or straight to an identity provider (both). */
  signInWithBrowser(identityProviderId?: number): Promise<void>;
  cancelBrowserSignIn(): Promise<void>;
  logout(): Promise<void>;
  revoked(reason: RevokedReason): void;
}

function asApiError(err: unknown): ApiError {
  return isApiError(err) ? err : new ApiError(0, 'network_error', String((err as Error)?.message ?? err));
}

export const useAuthStore = create<AuthState>()((set, get) => {
  /** The username field's passkey offer: not wanted, wanted, waiting for a pick, or paused by a button's ceremony. */
  let autofill: 'off' | 'idle' | 'waiting' | 'paused' = 'off';

  /**
   * One passwordless sign-in; `viaAutofill` waits quietly until the person picks a suggested
   * passkey. Answers whether the appliance refused a passkey the browser did give.
   */
  async function passkeySignIn(viaAutofill: boolean): Promise<'refused' | 'done'> {
    const ceremonies = host().passkeys;
    if (!ceremonies) return 'done';
    if (!viaAutofill) set({ busy: true, error: null, notice: null });
    let answered = false;
    try {
      const start = await ceremonies.signInOptions();
      const response = await getPasskey(start.options, { autofill: viaAutofill });
      answered = true;
      set({ busy: true, error: null, notice: null });
      const { account } = await ceremonies.signIn({ attempt_id: start.attempt_id, response });
      useAccountStore.getState().set(account);
      autofill = 'off';
      set({ phase: 'app', step: 'credentials', pending: null, busy: false });
      return 'done';
    } catch (err) {
      // A waiting autofill request that ends without a passkey (another ceremony started, the
      // screen went, the browser gave up) says nothing: the field simply stops offering.
      if (viaAutofill && err instanceof CeremonyFailure) return 'done';
      set({ error: err instanceof CeremonyFailure ? err : asApiError(err), busy: false });
      return answered ? 'refused' : 'done';
    }
  }

  /**
   * Offers the passkeys in the username field again after the appliance refused one picked there,
   * a few times in a row at most (a browser that answered by itself would otherwise spin).
   */
  let refusedInARow = 0;
  function armAutofill(): void {
    if (autofill !== 'idle') return;
    autofill = 'waiting';
    void passkeySignIn(true).then((outcome) => {
      if (autofill !== 'waiting') return;
      autofill = 'idle';
      refusedInARow = outcome === 'refused' ? refusedInARow + 1 : 0;
      if (outcome === 'refused' && refusedInARow < 3 && get().phase === 'login') armAutofill();
    });
  }

  async function attempt(credentials: Credentials): Promise<void> {
    set({ busy: true, error: null, notice: null });
    try {
      const { account } = await host().login(credentials);
      useAccountStore.getState().set(account);
      set({ phase: 'app', step: 'credentials', pending: null, busy: false });
    } catch (err) {
      const error = asApiError(err);
      if (error.code === 'otp_required') await askSecondFactor(credentials, error);
      else set({ error, busy: false });
    }
  }

  /** The second step the appliance asked for; its offer is checked in a chunk of its own (lib/second-step.ts). */
  async function askSecondFactor(credentials: Credentials, error: ApiError): Promise<void> {
    try {
      const { secondStepOf } = await import('../lib/second-step.js');
      set({
        step: 'second_factor',
        pending: { username: credentials.username, password: credentials.password, step: secondStepOf(error) },
        busy: false,
      });
    } catch (err) {
      // The chunk did not load (the appliance went away meanwhile): shown as any unreachable appliance.
      set({ error: asApiError(err), busy: false });
    }
  }

  return {
    phase: 'starting',
    step: 'credentials',
    pending: null,
    error: null,
    busy: false,
    notice: null,
    browserWaiting: false,
    desktopRequest: null,
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
      await attempt({ username: pending.username, password: pending.password, ...second });
    },
    async secondFactorWithPasskey() {
      const pending = get().pending;
      if (!pending) return;
      const credentials = { username: pending.username, password: pending.password };
      set({ busy: true, error: null });
      try {
        // A challenge is answered once: after a refusal, ask the appliance for a fresh one.
        let offer = pending.step.passkey;
        if (!offer) {
          await attempt(credentials);
          offer = get().pending?.step.passkey;
          if (!offer) return;
          set({ busy: true });
        }
        const current = get().pending!;
        set({ pending: { ...current, step: { ...current.step, passkey: undefined } } });
        const response = await getPasskey(offer.options);
        await attempt({ ...credentials, passkey: { attempt_id: offer.attempt_id, response } });
      } catch (err) {
        set({ error: err instanceof CeremonyFailure ? err : asApiError(err), busy: false });
      }
    },
    async signInWithPasskey() {
      // Starting this ceremony cancels the waiting autofill request; it is offered again afterwards.
      if (autofill !== 'off') autofill = 'paused';
      await passkeySignIn(false);
      if (autofill === 'paused') {
        autofill = 'idle';
        armAutofill();
      }
    },
    offerPasskeyAutofill(on) {
      if (!on) {
        if (autofill === 'waiting') void cancelPasskeyRequest();
        autofill = 'off';
        return;
      }
      if (autofill === 'off') {
        autofill = 'idle';
        refusedInARow = 0;
      }
      armAutofill();
    },
    backToCredentials: () => set({ step: 'credentials', pending: null, error: null }),
    async signInWithBrowser(identityProviderId) {
      const desktopRequest = get().desktopRequest;
      set({ browserWaiting: true, error: null, notice: null });
      try {
        const { account } = await host().signInWithBrowser({
          ...(identityProviderId !== undefined ? { identity_provider_id: identityProviderId } : {}),
          ...(desktopRequest ? { desktop_request: desktopRequest } : {}),
        });
        useAccountStore.getState().set(account);
        set({ phase: 'app', step: 'credentials', pending: null, browserWaiting: false });
      } catch (err) {
        const error = asApiError(err);
        // Cancelled here: nothing to explain.
        set({ browserWaiting: false, error: error.code === 'desktop_sign_in_cancelled' ? null : error });
      }
    },
    async cancelBrowserSignIn() {
      await host().cancelBrowserSignIn();
    },
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
