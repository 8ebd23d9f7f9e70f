/**
 * ConsoleApi over HTTP: used by the browser host (cookie + CSRF header) and by the Electron main
 * process (bearer token). Only `fetch` is needed, injected so src-shared stays free of any runtime.
 */
import { type ConsoleApi, type DesktopSignInApproval, type PasskeyCeremonies } from './console-api.js';
import { ApiError } from './api-error.js';
import { type BrowserSignInOptions } from './api/desktop-sign-in.js';
import { type ConsoleReleaseList, type UpdateTokenInfo, type UpdateTokenList } from './api/updates.js';
import {
  type Account,
  type DownloadList,
  type LoginRequest,
  type LoginResponse,
  type SavedDownload,
  type SessionInfo,
} from './api/index.js';

export interface HttpAuth {
  /** Headers for every request (bearer token, CSRF token). */
  headers(method: string): Record<string, string>;
  /** Fields the host adds to a login: client kind, console version, install id. */
  loginExtras(): Pick<LoginRequest, 'client'> & Partial<LoginRequest>;
  /** Called with the whole login answer (main keeps the token; the browser has its cookie). */
  onLogin(response: LoginResponse): void | Promise<void>;
  onLogout(): void | Promise<void>;
}

export interface HttpConsoleApiOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  auth: HttpAuth;
  credentials?: 'include' | 'same-origin' | 'omit';
  /**
   * Fetches a download (`GET url` with `headers`) to wherever the host keeps files: main streams it
   * to the Downloads folder; the browser hands the URL to its own download manager.
   */
  saveFile(url: string, headers: Record<string, string>): Promise<SavedDownload>;
  /**
   * The sign-in in the system browser: main's RFC 8252 flow, whose answer is a login answer (then
   * handled like `login`'s); in the browser, the navigation to the identity provider.
   */
  browserSignIn: {
    start(options: BrowserSignInOptions): Promise<LoginResponse>;
    cancel(): Promise<void>;
  };
}

/** The error of a request that got no answer at all (refused, reset, DNS, TLS). */
export function unreachable(err: unknown): ApiError {
  return new ApiError(0, 'network_error', `The appliance could not be reached (${(err as Error).message}).`);
}

export type RequestFn = <T>(method: string, path: string, body?: unknown, contentType?: string) => Promise<T>;

/** What one JSON request to the appliance needs. */
export interface RequestOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  credentials?: 'include' | 'same-origin' | 'omit';
  /** Headers for every request (bearer token, CSRF token). */
  headers(method: string): Record<string, string>;
}

/** JSON over `fetch`: the appliance's `{ error }` answers and unreachable hosts become ApiError. */
export function createRequest(opts: RequestOptions): RequestFn {
  const base = opts.baseUrl.replace(/\/+$/, '');
  return async <T>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers(method) };
    let payload: BodyInit | undefined;
    if (body !== undefined) {
      headers['content-type'] = contentType;
      payload = body instanceof Uint8Array ? (body as unknown as BodyInit) : JSON.stringify(body);
    }
    let res: Response;
    try {
      res = await opts.fetch(`${base}${path}`, {
        method,
        headers,
        body: payload,
        credentials: opts.credentials ?? 'same-origin',
      });
    } catch (err) {
      throw unreachable(err);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(
        res.status,
        res.ok ? 'internal_error' : 'bad_request',
        `Unexpected answer from the appliance (HTTP ${res.status}).`,
      );
    }
    if (!res.ok) throw ApiError.fromBody(res.status, json);
    return json as T;
  };
}

/** `?a=1&b=2` of the defined fields (empty when none). */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createHttpConsoleApi(opts: HttpConsoleApiOptions): ConsoleApi {
  const req = createRequest({ ...opts, headers: opts.auth.headers });
  const base = opts.baseUrl.replace(/\/+$/, '');
  return {
    getSite: () => req('GET', '/api/site'),
    async login(credentials) {
      const response = await req<LoginResponse>('POST', '/api/auth/login', {
        ...credentials,
        ...opts.auth.loginExtras(),
      });
      await opts.auth.onLogin(response);
      return { expires_at: response.expires_at, account: response.account };
    },
    async signInWithBrowser(options) {
      const response = await opts.browserSignIn.start(options);
      await opts.auth.onLogin(response);
      return { expires_at: response.expires_at, account: response.account };
    },
    cancelBrowserSignIn: () => opts.browserSignIn.cancel(),
    async logout() {
      try {
        await req('POST', '/api/auth/logout');
      } finally {
        await opts.auth.onLogout();
      }
    },
    getAccount: () => req<Account>('GET', '/api/account'),
    updateAccount: (patch) => req('PATCH', '/api/account', patch),
    changeEmail: (change) => req('PUT', '/api/account/email', change),
    changePassword: (change) => req('PUT', '/api/account/password', change),
    listSessions: async () => (await req<{ sessions: SessionInfo[] }>('GET', '/api/account/sessions')).sessions,
    endSession: (id) => req('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`),
    setupTwoFactor: (proof) => req('POST', '/api/account/two-factor/setup', proof),
    activateTwoFactor: (proof) => req('POST', '/api/account/two-factor/activate', proof),
    disableTwoFactor: (proof) => req('DELETE', '/api/account/two-factor', proof),
    regenerateRecoveryCodes: (proof) => req('POST', '/api/account/two-factor/recovery-codes', proof),
    // The photo routes answer only the photo's URL (PUT) or nothing (DELETE); the contract promises
    // the account, so read it back once the change is stored.
    async uploadPhoto(photo) {
      await req('PUT', '/api/account/photo', photo.bytes, photo.content_type);
      return req<Account>('GET', '/api/account');
    },
    async deletePhoto() {
      await req('DELETE', '/api/account/photo');
      return req<Account>('GET', '/api/account');
    },
    requestPasswordReset: (request) => req('POST', '/api/auth/password-reset', request),
    confirmPasswordReset: (confirm) => req('POST', '/api/auth/password-reset/confirm', confirm),
    listDownloads: async () => (await req<DownloadList>('GET', '/api/downloads')).items,
    saveDownload: (id) => opts.saveFile(`${base}/api/downloads/${encodeURIComponent(id)}`, opts.auth.headers('GET')),
    sendInvitation: (request) => req('POST', '/api/invitations', request),
    listPasskeys: () => req('GET', '/api/account/passkeys'),
    renamePasskey: ({ id, name }) => req('PATCH', `/api/account/passkeys/${encodeURIComponent(id)}`, { name }),
    deletePasskey: ({ id, ...proof }) => req('DELETE', `/api/account/passkeys/${encodeURIComponent(id)}`, proof),
    listAuditLog: (query) => req('GET', `/api/admin/audit${queryString(query)}`),
    exportAuditLog: (query) =>
      opts.saveFile(`${base}/api/admin/audit/export${queryString(query)}`, opts.auth.headers('GET')),
    listActivity: ({ cursor }) =>
      req('GET', `/api/account/activity${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
    listAdminUsers: (query) => req('GET', `/api/admin/users${queryString(query)}`),
    createAdminUser: (user) => req('POST', '/api/admin/users', user),
    updateAdminUser: ({ id, patch }) => req('PATCH', `/api/admin/users/${id}`, patch),
    resetUserTwoFactor: (id) => req('POST', `/api/admin/users/${id}/two-factor/reset`),
    endUserSessions: (id) => req('POST', `/api/admin/users/${id}/sessions/end`),
    listUserSessions: async (id) =>
      (await req<{ sessions: SessionInfo[] }>('GET', `/api/admin/users/${id}/sessions`)).sessions,
    endUserSession: ({ id, session_id }) =>
      req('DELETE', `/api/admin/users/${id}/sessions/${encodeURIComponent(session_id)}`),
    listUserActivity: ({ id, cursor }) => req('GET', `/api/admin/users/${id}/activity${queryString({ cursor })}`),
    listUserUpdateTokens: async (id) =>
      (await req<{ items: UpdateTokenInfo[] }>('GET', `/api/admin/users/${id}/update-tokens`)).items,
    listConsoleReleases: () => req<ConsoleReleaseList>('GET', '/api/admin/console-releases'),
    listUpdateTokens: async () => (await req<UpdateTokenList>('GET', '/api/admin/update-tokens')).items,
    revokeUpdateToken: (id) => req('DELETE', `/api/admin/update-tokens/${encodeURIComponent(id)}`),
    getSecuritySettings: () => req('GET', '/api/admin/security'),
    updateSecuritySettings: (patch) => req('PUT', '/api/admin/security', patch),
    getSecurityOverview: (query) => req('GET', `/api/admin/security/overview${queryString(query)}`),
    listIdentityProviders: () => req('GET', '/api/admin/identity-providers'),
    setIdentityProviderEnabled: ({ id, enabled }) => req('PATCH', `/api/admin/identity-providers/${id}`, { enabled }),
    createIdentityProvider: (body) => req('POST', '/api/admin/identity-providers', body),
    updateIdentityProvider: ({ id, patch }) => req('PATCH', `/api/admin/identity-providers/${id}`, patch),
    getCustomerClient: () => req('GET', '/api/admin/customer-client'),
    updateCustomerClient: (patch) => req('PUT', '/api/admin/customer-client', patch),
  };
}

/** The ceremonies' HTTP half for the browser host (same request function and login hooks). */
export function createHttpPasskeyCeremonies(opts: HttpConsoleApiOptions): PasskeyCeremonies {
  const req = createRequest({ ...opts, headers: opts.auth.headers });
  return {
    registrationOptions: (proof) => req('POST', '/api/account/passkeys/registration-options', proof),
    register: (registration) => req('POST', '/api/account/passkeys', registration),
    signInOptions: () => req('POST', '/api/auth/passkey/options', {}),
    async signIn(assertion) {
      const response = await req<LoginResponse>('POST', '/api/auth/passkey/sign-in', assertion);
      await opts.auth.onLogin(response);
      return { expires_at: response.expires_at, account: response.account };
    },
  };
}

/** The web console's side of a desktop sign-in, over the same requests as the ConsoleApi. */
export function createHttpDesktopSignInApproval(opts: HttpConsoleApiOptions): DesktopSignInApproval {
  const req = createRequest({ ...opts, headers: opts.auth.headers });
  const path = (id: string) => `/api/auth/desktop/requests/${encodeURIComponent(id)}`;
  return {
    get: (id) => req('GET', path(id)),
    approve: (id) => req('POST', `${path(id)}/approve`),
    deny: (id) => req('POST', `${path(id)}/deny`),
  };
}
