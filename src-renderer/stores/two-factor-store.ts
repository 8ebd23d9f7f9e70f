/**
 * Two-factor enrolment: a pending setup (secret + otpauth URI, shown until activated or cancelled)
 * and the recovery codes, which the appliance shows once and the screen keeps only until dismissed
 * or the session ends (per user: see session-scope.ts).
 */
import {
  type TwoFactorActivation,
  type TwoFactorProof,
  type TwoFactorSetup,
  type TwoFactorSetupRequest,
} from '../../src-shared/api/two-factor.js';
import { host } from '../host/host.js';
import { useAccountStore } from './account-store.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface TwoFactorState {
  setup: TwoFactorSetup | null;
  recoveryCodes: string[] | null;
  /** Starts a setup; switching apps (2FA on) needs the password and the current factor. */
  begin(proof?: TwoFactorSetupRequest): Promise<void>;
  cancel(): void;
  activate(proof: TwoFactorActivation): Promise<void>;
  disable(proof: TwoFactorProof): Promise<void>;
  regenerate(proof: TwoFactorProof): Promise<void>;
  dismissCodes(): void;
}

export const useTwoFactorStore = createUserStore<TwoFactorState>((set) => ({
  setup: null,
  recoveryCodes: null,
  async begin(proof = {}) {
    const scope = sessionScope();
    const setup = await host().setupTwoFactor(proof);
    if (scope.current()) set({ setup, recoveryCodes: null });
  },
  cancel: () => set({ setup: null }),
  async activate(proof) {
    const scope = sessionScope();
    const { recovery_codes } = await host().activateTwoFactor(proof);
    if (!scope.current()) return;
    set({ setup: null, recoveryCodes: recovery_codes });
    await useAccountStore.getState().refresh();
  },
  async disable(proof) {
    const scope = sessionScope();
    await host().disableTwoFactor(proof);
    if (scope.current()) await useAccountStore.getState().refresh();
  },
  async regenerate(proof) {
    const scope = sessionScope();
    const { recovery_codes } = await host().regenerateRecoveryCodes(proof);
    if (!scope.current()) return;
    set({ recoveryCodes: recovery_codes });
    await useAccountStore.getState().refresh();
  },
  dismissCodes: () => set({ recoveryCodes: null }),
}));
