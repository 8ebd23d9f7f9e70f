/**
 * An in-memory ConsoleHost for component tests: the renderer's one boundary (the preload in
 * Electron, HTTP in the browser). It records every call and applies the shared display-name rule
 * so the components see realistic answers. End-to-end tests use the real appliance instead.
 */
import { type ConsoleHost } from '../../../src-shared/console-api.js';
import { type Account } from '../../../src-shared/api/account.js';
import { type Site } from '../../../src-shared/api/site.js';
import { type LiveEvent } from '../../../src-shared/api/events.js';
import { ApiError } from '../../../src-shared/errors.js';
import { applyDisplayNameChange } from '../../../src-shared/display-names.js';

export const SITE: Site = {
  site_name: 'Test Site',
  software_version: '2.0.0',
  console_version: '2.0.0',
  languages: ['en', 'de'],
  default_language: 'en',
  password_policy: {
    min_password_length: 10,
    max_password_length: 1024,
    require_complex_passwords: true,
    block_common_passwords: true,
    min_password_strength: 3,
    password_history: 3,
  },
  password_reset_enabled: true,
  public_url: 'https://support.example.com',
  passkey_sign_in: false,
};

export const ACCOUNT: Account = {
  id: 1,
  username: 'alice',
  private_display_name: 'Alice',
  public_display_name: 'Alice',
  display_names_synced: true,
  email_address: 'alice@example.com',
  preferred_email_language: 'en',
  extended_availability: { allowed: true, enabled: false },
  two_factor: { enabled: false, required: false, recovery_codes_left: 0 },
  photo_url: null,
  password_expires_at: null,
  password_change_required: false,
  two_factor_enrollment_required: false,
  is_admin: false,
};

export interface FakeHost extends ConsoleHost {
  calls: { method: string; arg: unknown }[];
  account: Account;
  /** Makes the next call of `method` fail with this error. */
  failNext(method: string, error: ApiError): void;
  emit(event: LiveEvent): void;
}

export function createFakeHost(site: Site = SITE, account: Account = ACCOUNT): FakeHost {
  const listeners = new Set<(e: LiveEvent) => void>();
  const failures = new Map<string, ApiError>();
  const state = { account: structuredClone(account) };
  const call = async <T>(method: string, arg: unknown, answer: () => T): Promise<T> => {
    host.calls.push({ method, arg });
    const failure = failures.get(method);
    if (failure) {
      failures.delete(method);
      throw failure;
    }
    return answer();
  };
  const host: FakeHost = {
    kind: 'web',
    calls: [],
    get account() {
      return state.account;
    },
    failNext: (method, error) => void failures.set(method, error),
    emit: (event) => listeners.forEach((l) => l(event)),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSite: () => call('getSite', undefined, () => site),
    login: (c) => call('login', c, () => ({ expires_at: new Date().toISOString(), account: state.account })),
    logout: () => call('logout', undefined, () => undefined),
    getAccount: () => call('getAccount', undefined, () => state.account),
    updateAccount: (patch) =>
      call('updateAccount', patch, () => {
        const names = applyDisplayNameChange(state.account, patch);
        const enabled = patch.extended_availability_enabled ?? state.account.extended_availability.enabled;
        state.account = {
          ...state.account,
          ...names,
          display_names_synced: names.private_display_name === names.public_display_name,
          extended_availability: { ...state.account.extended_availability, enabled },
        };
        return state.account;
      }),
    changeEmail: (c) =>
      call('changeEmail', c, () => (state.account = { ...state.account, email_address: c.email_address })),
    changePassword: (c) => call('changePassword', c, () => undefined),
    listSessions: () => call('listSessions', undefined, () => []),
    endSession: (id) => call('endSession', id, () => undefined),
    setupTwoFactor: () =>
      call('setupTwoFactor', undefined, () => ({
        secret: 'JBSWY3DPEHPK3PXP',
        otpauth_uri: 'otpauth://totp/Test:alice?secret=JBSWY3DPEHPK3PXP&issuer=Test',
      })),
    activateTwoFactor: (p) => call('activateTwoFactor', p, () => ({ recovery_codes: ['aaaa-bbbb', 'cccc-dddd'] })),
    disableTwoFactor: (p) => call('disableTwoFactor', p, () => undefined),
    regenerateRecoveryCodes: (p) => call('regenerateRecoveryCodes', p, () => ({ recovery_codes: ['eeee-ffff'] })),
    uploadPhoto: (p) =>
      call('uploadPhoto', p, () => (state.account = { ...state.account, photo_url: '/api/users/1/photo' })),
    deletePhoto: () => call('deletePhoto', undefined, () => (state.account = { ...state.account, photo_url: null })),
    requestPasswordReset: (r) => call('requestPasswordReset', r, () => undefined),
    confirmPasswordReset: (c) => call('confirmPasswordReset', c, () => undefined),
    listDownloads: () =>
      call('listDownloads', undefined, () => {
        throw new ApiError(404, 'not_found', 'No route');
      }),
    saveDownload: (id) => call('saveDownload', id, () => ({ saved_to: `/home/tech/Downloads/${id}` })),
    sendInvitation: (r) => call('sendInvitation', r, () => ({ id: 'i1', delivered_by: 'email' as const })),
  };
  return host;
}
