/**
 * Management > Security: the site's policy as the appliance last answered it, the security
 * overview and the identity providers. Per user: see session-scope.ts.
 */
import { type SecurityOverview } from '../../src-shared/api/activity.js';
import {
  type IdentityProvider,
  type IdentityProviderCreate,
  type IdentityProviderPatch,
} from '../../src-shared/api/identity-providers.js';
import { type SecuritySettings, type SecuritySettingsPatch } from '../../src-shared/api/site.js';
import { host } from '../host/host.js';
import { createUserStore, sessionScope } from './session-scope.js';

interface SecurityState {
  settings: SecuritySettings | null;
  overview: SecurityOverview | null;
  providers: IdentityProvider[] | null;
  load(): Promise<void>;
  loadOverview(days: number): Promise<void>;
  loadProviders(): Promise<void>;
  /** Turns a provider on or off; the list then holds the provider as stored. */
  setProviderEnabled(id: number, enabled: boolean): Promise<void>;
  /** Adds a provider; the list then holds it, and it is answered as stored. */
  createProvider(body: IdentityProviderCreate): Promise<IdentityProvider>;
  /** Changes a provider's fields; the list then holds it, and it is answered as stored. */
  updateProvider(id: number, patch: IdentityProviderPatch): Promise<IdentityProvider>;
  /** Saves the changed fields; the settings as stored. */
  save(patch: SecuritySettingsPatch): Promise<SecuritySettings>;
}

export const useSecurityStore = createUserStore<SecurityState>((set) => ({
  settings: null,
  overview: null,
  providers: null,
  async load() {
    const scope = sessionScope();
    const settings = await host().getSecuritySettings();
    if (scope.current()) set({ settings });
  },
  async loadOverview(days) {
    const scope = sessionScope();
    const overview = await host().getSecurityOverview({ days: String(days) });
    if (scope.current()) set({ overview });
  },
  async loadProviders() {
    const scope = sessionScope();
    const { identity_providers } = await host().listIdentityProviders();
    if (scope.current()) set({ providers: identity_providers });
  },
  async setProviderEnabled(id, enabled) {
    const scope = sessionScope();
    const stored = await host().setIdentityProviderEnabled({ id, enabled });
    if (scope.current()) set((s) => ({ providers: (s.providers ?? []).map((p) => (p.id === id ? stored : p)) }));
  },
  async createProvider(body) {
    const scope = sessionScope();
    const stored = await host().createIdentityProvider(body);
    if (scope.current()) set((s) => ({ providers: [...(s.providers ?? []), stored] }));
    return stored;
  },
  async updateProvider(id, patch) {
    const scope = sessionScope();
    const stored = await host().updateIdentityProvider({ id, patch });
    if (scope.current()) set((s) => ({ providers: (s.providers ?? []).map((p) => (p.id === id ? stored : p)) }));
    return stored;
  },
  async save(patch) {
    const scope = sessionScope();
    const settings = await host().updateSecuritySettings(patch);
    if (scope.current()) set({ settings });
    return settings;
  },
}));
