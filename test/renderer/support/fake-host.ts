/**
 * An in-memory ConsoleHost for component tests: the renderer's one boundary (the preload in
 * Electron, HTTP in the browser). It records every call and applies the shared display-name rule
 * so the components see realistic answers. End-to-end tests use the real appliance instead.
 */
import { type ConsoleApi, type ConsoleApiMethod, type ConsoleHost } from '../../../src-shared/console-api.js';
import { type Account } from '../../../src-shared/api/account.js';
import { type Site } from '../../../src-shared/api/site.js';
import { type PasskeyList } from '../../../src-shared/api/passkeys.js';
import { type LiveEvent } from '../../../src-shared/api/events.js';
import { type ActivityItem } from '../../../src-shared/api/activity.js';
import { ApiError } from '../../../src-shared/api-error.js';
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
  identity_providers: [],
  sso_required_for_non_admins: false,
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
  local_password: true,
  identity_provider: null,
};

export const PASSKEYS: PasskeyList = {
  passkeys: [
    {
      id: 'pk1',
      name: 'Work laptop',
      created_at: '2026-03-01T09:00:00.000Z',
      last_used_at: '2026-03-02T10:30:00.000Z',
      authenticator: 'Google Password Manager',
      aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4',
      synced: true,
      flagged: false,
    },
    {
      id: 'pk2',
      name: 'Old key',
      created_at: '2026-01-10T08:00:00.000Z',
      last_used_at: null,
      authenticator: null,
      aaguid: '00000000-0000-0000-0000-000000000000',
      synced: false,
      flagged: true,
    },
  ],
  limit: 10,
  registration_allowed: true,
};

export interface FakeHost extends ConsoleHost {
  calls: { method: string; arg: unknown }[];
  account: Account;
  /** Makes the next call of `method` fail with this error. */
  failNext(method: string, error: ApiError): void;
  /** Replaces what listPasskeys answers. */
  setPasskeys(list: PasskeyList): void;
  /** Replaces the security activity listActivity pages through (newest first), `pageSize` a page. */
  setActivity(items: ActivityItem[], pageSize?: number): void;
  emit(event: LiveEvent): void;
  /** Answers `method` with `answer` from now on (still recorded in `calls`, still failing with `failNext`). */
  answer<K extends ConsoleApiMethod>(method: K, answer: ConsoleApi[K]): void;
}

/** Methods a test must answer itself (`host.answer`). */
const notInFake = (): never => {
  throw new ApiError(501, 'internal_error', 'not in the fake host');
};

export function createFakeHost(
  site: Site = SITE,
  account: Account = ACCOUNT,
  kind: 'web' | 'desktop' = 'web',
): FakeHost {
  const listeners = new Set<(e: LiveEvent) => void>();
  const failures = new Map<string, ApiError>();
  const state = {
    account: structuredClone(account),
    passkeys: structuredClone(PASSKEYS),
    activity: [] as ActivityItem[],
    activityPageSize: 25,
  };
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
    kind,
    // The browser host completes desktop sign-ins; the desktop host has no such part.
    ...(kind === 'web'
      ? {
          desktopSignIns: {
            get: (id: string) =>
              call('desktopSignIns.get', id, () => ({ id, expires_at: new Date(Date.now() + 300_000).toISOString() })),
            approve: (id: string) =>
              call('desktopSignIns.approve', id, () => ({
                redirect_to: 'http://127.0.0.1:50505/callback?code=c0de&state=st4te',
              })),
            deny: (id: string) =>
              call('desktopSignIns.deny', id, () => ({
                redirect_to: 'http://127.0.0.1:50505/callback?error=access_denied&state=st4te',
              })),
          },
        }
      : {}),
    passkeys: {
      registrationOptions: (proof) =>
        call('registrationOptions', proof, () => ({
          attempt_id: 'attempt-1234567890',
          options: {
            rp: { id: 'support.example.com', name: 'Test Site' },
            user: { id: 'dXNlcg', name: 'alice', displayName: 'Alice' },
            challenge: 'Y2hhbGxlbmdl',
            pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          },
        })),
      register: (registration) => call('register', registration, () => state.passkeys.passkeys[0]!),
      signInOptions: () =>
        call('signInOptions', undefined, () => ({
          attempt_id: 'attempt-sign-in-123456',
          options: { challenge: 'c2lnbmlu', rpId: 'support.example.com', userVerification: 'preferred' as const },
        })),
      signIn: (assertion) =>
        call('signIn', assertion, () => ({ expires_at: new Date().toISOString(), account: state.account })),
    },
    calls: [],
    get account() {
      return state.account;
    },
    failNext: (method, error) => void failures.set(method, error),
    setPasskeys: (list) => void (state.passkeys = structuredClone(list)),
    setActivity(items, pageSize = 25) {
      state.activity = structuredClone(items);
      state.activityPageSize = pageSize;
    },
    emit: (event) => listeners.forEach((l) => l(event)),
    answer(method, answer) {
      const impl = answer as (arg: unknown) => Promise<unknown>;
      (host as unknown as Record<string, (arg: unknown) => Promise<unknown>>)[method] = (arg) =>
        call(method, arg, () => impl(arg));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSite: () => call('getSite', undefined, () => site),
    login: (c) => call('login', c, () => ({ expires_at: new Date().toISOString(), account: state.account })),
    signInWithBrowser: (o) =>
      call('signInWithBrowser', o, () => ({ expires_at: new Date().toISOString(), account: state.account })),
    cancelBrowserSignIn: () => call('cancelBrowserSignIn', undefined, () => undefined),
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
    setupTwoFactor: (p) =>
      call('setupTwoFactor', p, () => ({
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
    listPasskeys: () => call('listPasskeys', undefined, () => structuredClone(state.passkeys)),
    listActivity: (c) =>
      call('listActivity', c, () => {
        const start = c.cursor ? state.activity.findIndex((i) => i.id === c.cursor) + 1 : 0;
        const items = structuredClone(state.activity.slice(start, start + state.activityPageSize));
        const more = start + items.length < state.activity.length;
        return { items, next_cursor: more ? items[items.length - 1]!.id : null };
      }),
    renamePasskey: (r) =>
      call('renamePasskey', r, () => {
        const renamed = { ...state.passkeys.passkeys.find((p) => p.id === r.id)!, name: r.name };
        state.passkeys.passkeys = state.passkeys.passkeys.map((p) => (p.id === r.id ? renamed : p));
        return renamed;
      }),
    deletePasskey: (r) =>
      call('deletePasskey', r, () => {
        state.passkeys.passkeys = state.passkeys.passkeys.filter((p) => p.id !== r.id);
      }),
    listAuditLog: (q) => call('listAuditLog', q, () => ({ entries: [], next_cursor: null })),
    exportAuditLog: (q) => call('exportAuditLog', q, () => ({ saved_to: '/home/tech/Downloads/audit-log.csv' })),
    listAdminUsers: (q) => call('listAdminUsers', q, () => ({ users: [], next_cursor: null })),
    createAdminUser: (u) =>
      call('createAdminUser', u, () => {
        throw new ApiError(501, 'internal_error', 'not in the fake host');
      }),
    updateAdminUser: (u) =>
      call('updateAdminUser', u, () => {
        throw new ApiError(501, 'internal_error', 'not in the fake host');
      }),
    resetUserTwoFactor: (id) =>
      call('resetUserTwoFactor', id, () => {
        throw new ApiError(501, 'internal_error', 'not in the fake host');
      }),
    endUserSessions: (id) => call('endUserSessions', id, () => ({ ended: 0 })),
    listUserSessions: (id) => call('listUserSessions', id, () => []),
    endUserSession: (c) => call('endUserSession', c, () => undefined),
    listUserActivity: (c) => call('listUserActivity', c, () => ({ items: [], next_cursor: null })),
    listUserUpdateTokens: (id) => call('listUserUpdateTokens', id, () => []),
    listConsoleReleases: () =>
      call('listConsoleReleases', undefined, () => ({ items: [], upload_max_bytes: 512 * 1024 * 1024 })),
    listUpdateTokens: () => call('listUpdateTokens', undefined, () => []),
    revokeUpdateToken: (id) => call('revokeUpdateToken', id, () => undefined),
    getSecuritySettings: () => call('getSecuritySettings', undefined, notInFake),
    updateSecuritySettings: (p) => call('updateSecuritySettings', p, notInFake),
    getSecurityOverview: (q) => call('getSecurityOverview', q, notInFake),
    listIdentityProviders: () => call('listIdentityProviders', undefined, () => ({ identity_providers: [] })),
    setIdentityProviderEnabled: (c) => call('setIdentityProviderEnabled', c, notInFake),
    createIdentityProvider: (b) => call('createIdentityProvider', b, notInFake),
    updateIdentityProvider: (c) => call('updateIdentityProvider', c, notInFake),
    getCustomerClient: () => call('getCustomerClient', undefined, notInFake),
    updateCustomerClient: (p) => call('updateCustomerClient', p, notInFake),
  };
  return host;
}
