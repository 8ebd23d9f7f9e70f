/**
 * Two-factor enrolment: a pending setup (secret + otpauth URI, shown until activated or cancelled)
 * and the recovery codes, which the appliance shows once and the screen keeps only until dismissed.
 */
import { create } from 'zustand';
import { type TwoFactorProof, type TwoFactorSetup } from '../../src-shared/api/two-factor.js';
import { host } from '../host/host.js';
import { useAccountStore } from './account-store.js';

interface TwoFactorState {
  setup: TwoFactorSetup | null;
  recoveryCodes: string[] | null;
  begin(): Promise<void>;
  cancel(): void;
  activate(proof: TwoFactorProof): Promise<void>;
  disable(proof: TwoFactorProof): Promise<void>;
  regenerate(proof: TwoFactorProof): Promise<void>;
  dismissCodes(): void;
}

export const useTwoFactorStore = create<TwoFactorState>()((set) => ({
  setup: null,
  recoveryCodes: null,
  async begin() {
    set({ setup: await host().setupTwoFactor(), recoveryCodes: null });
  },
  cancel: () => set({ setup: null }),
  async activate(proof) {
    const { recovery_codes } = await host().activateTwoFactor(proof);
    set({ setup: null, recoveryCodes: recovery_codes });
    await useAccountStore.getState().refresh();
  },
  async disable(proof) {
    await host().disableTwoFactor(proof);
    await useAccountStore.getState().refresh();
  },
  async regenerate(proof) {
    const { recovery_codes } = await host().regenerateRecoveryCodes(proof);
    set({ recoveryCodes: recovery_codes });
    await useAccountStore.getState().refresh();
  },
  dismissCodes: () => set({ recoveryCodes: null }),
}));
