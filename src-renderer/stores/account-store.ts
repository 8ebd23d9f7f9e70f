/** The logged-in technician's account and the changes My Account makes to it. Per user: see session-scope.ts. */
import {
  type Account,
  type AccountPatch,
  type EmailChange,
  type PasswordChange,
} from '../../src-shared/api/account.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface AccountState {
  account: Account | null;
  set(account: Account | null): void;
  refresh(): Promise<Account>;
  update(patch: AccountPatch): Promise<Account>;
  changeEmail(change: EmailChange): Promise<Account>;
  /** On success the appliance ends every other session; this one stays, so re-read the account. */
  changePassword(change: PasswordChange): Promise<void>;
}

export const useAccountStore = createUserStore<AccountState>((set) => {
  /** Stores the account an answer carried, unless the session it was asked in has been left meanwhile. */
  async function keep(answer: Promise<Account>): Promise<Account> {
    const scope = sessionScope();
    const account = await answer;
    if (scope.current()) set({ account });
    return account;
  }
  return {
    account: null,
    set: (account) => set({ account }),
    refresh: () => keep(host().getAccount()),
    update: (patch) => keep(host().updateAccount(patch)),
    changeEmail: (change) => keep(host().changeEmail(change)),
    async changePassword(change) {
      const scope = sessionScope();
      await host().changePassword(change);
      if (scope.current()) await keep(host().getAccount());
    },
  };
});
