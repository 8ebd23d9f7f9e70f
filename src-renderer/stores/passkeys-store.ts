/**
 * The technician's passkeys: the list, adding one (the appliance's options, the browser's
 * ceremony, the answer), renaming and deleting. Adding needs the host's ceremonies (the web
 * console); the desktop console lists, renames and deletes. Per user: see session-scope.ts.
 */
import { type PasskeyList } from '../../src-shared/api/passkeys.js';
import { host } from '../host/host.js';
import { createPasskey } from '../lib/webauthn.js';
import { useAccountStore } from './account-store.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface PasskeysState {
  list: PasskeyList | null;
  load(): Promise<void>;
  /** `currentPassword` when the appliance asked for it (no sign-in within the last five minutes). */
  add(name: string, currentPassword?: string): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  remove(id: string, currentPassword?: string): Promise<void>;
}

export const usePasskeysStore = createUserStore<PasskeysState>((set, get) => {
  async function reload(scope = sessionScope()): Promise<void> {
    const list = await host().listPasskeys();
    if (scope.current()) set({ list });
  }
  return {
    list: null,
    load: () => reload(),
    async add(name, currentPassword) {
      const ceremonies = host().passkeys;
      if (!ceremonies) throw new Error('this console cannot create passkeys');
      const scope = sessionScope();
      const start = await ceremonies.registrationOptions(
        currentPassword === undefined ? {} : { current_password: currentPassword },
      );
      const response = await createPasskey(start.options);
      await ceremonies.register({ attempt_id: start.attempt_id, name, response });
      if (!scope.current()) return;
      await reload(scope);
      // A passkey is a second factor: a session that had to enrol one is free now.
      if (useAccountStore.getState().account?.two_factor_enrollment_required)
        await useAccountStore.getState().refresh();
    },
    async rename(id, name) {
      const scope = sessionScope();
      const renamed = await host().renamePasskey({ id, name });
      const list = get().list;
      if (scope.current() && list)
        set({ list: { ...list, passkeys: list.passkeys.map((p) => (p.id === id ? renamed : p)) } });
    },
    async remove(id, currentPassword) {
      const scope = sessionScope();
      await host().deletePasskey(currentPassword === undefined ? { id } : { id, current_password: currentPassword });
      const list = get().list;
      if (scope.current() && list) set({ list: { ...list, passkeys: list.passkeys.filter((p) => p.id !== id) } });
    },
  };
});
