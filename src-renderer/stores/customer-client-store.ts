/** Management > Customer client: the elevation rules as the appliance last answered them. Per user: see session-scope.ts. */
import { type CustomerClientPatch, type CustomerClientSettings } from '../../src-shared/api/customer-client.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface CustomerClientState {
  rules: CustomerClientSettings | null;
  load(): Promise<void>;
  save(patch: CustomerClientPatch): Promise<CustomerClientSettings>;
}

export const useCustomerClientStore = createUserStore<CustomerClientState>((set) => ({
  rules: null,
  async load() {
    const scope = sessionScope();
    const rules = await host().getCustomerClient();
    if (scope.current()) set({ rules });
  },
  async save(patch) {
    const scope = sessionScope();
    const rules = await host().updateCustomerClient(patch);
    if (scope.current()) set({ rules });
    return rules;
  },
}));
