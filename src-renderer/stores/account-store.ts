/** The logged-in technician's account and the changes My Account makes to it. */
import { create } from 'zustand';
import {
  type Account,
  type AccountPatch,
  type EmailChange,
  type PasswordChange,
} from '../../src-shared/api/account.js';
import { host } from '../host/host.js';

interface AccountState {
  account: Account | null;
  set(account: Account | null): void;
  refresh(): Promise<Account>;
  update(patch: AccountPatch): Promise<Account>;
  changeEmail(change: EmailChange): Promise<Account>;
  /** On success the appliance ends every other session; this one stays, so re-read the account. */
  changePassword(change: PasswordChange): Promise<void>;
}

export const useAccountStore = create<AccountState>()((set) => ({
  account: null,
  set: (account) => set({ account }),
  async refresh() {
    const account = await host().getAccount();
    set({ account });
    return account;
  },
  async update(patch) {
    const account = await host().updateAccount(patch);
    set({ account });
    return account;
  },
  async changeEmail(change) {
    const account = await host().changeEmail(change);
    set({ account });
    return account;
  },
  async changePassword(change) {
    await host().changePassword(change);
    set({ account: await host().getAccount() });
  },
}));
