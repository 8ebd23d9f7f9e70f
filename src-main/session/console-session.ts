/**
 * The desktop console's session with its appliance. Holds the bearer token (from the SecretStore;
 * it never leaves the main process), adds what a console login carries (client kind, console
 * version, install id) and hands out the shared HTTP ConsoleApi bound to the site and token.
 * A 401 `unauthenticated`/`session_expired` answer drops the stored token.
 */
import crypto from 'node:crypto';
import {
  CONSOLE_API_METHODS,
  SIGN_IN_METHODS,
  type ConsoleApi,
  type ConsoleApiMethod,
} from '../../src-shared/console-api.js';
import { createHttpConsoleApi } from '../../src-shared/console-api-http.js';
import { type LoginResponse, type SavedDownload } from '../../src-shared/api/index.js';
import { ApiError } from '../../src-shared/errors.js';
import { callMethod, proxyMethods } from '../../src-shared/method-proxy.js';
import { createBrowserSignIn } from '../sign-in/browser-sign-in.js';
import { type SecretStore } from '../storage/secret-store.js';
import { absolutizeSiteUrls } from './site-urls.js';

export interface ConsoleSessionDeps {
  /** The bound site URL, or null before one is configured. */
  siteUrl(): string | null;
  secrets: SecretStore;
  /** Electron's `net.fetch` in the app (Chromium's certificate checks); Node's fetch in tests. */
  fetch: typeof globalThis.fetch;
  appVersion: string;
  /** Saves a download to disk (`createDownloadSaver`): gets the URL and the bearer header. */
  saveFile(url: string, headers: Record<string, string>): Promise<SavedDownload>;
  /** Electron's `shell.openExternal`, for the sign-in through the system browser. */
  openExternal(url: string): Promise<void>;
  /** Brings the console window to the front (when the browser sign-in is done). */
  focusWindow(): void;
  log: { info(msg: string): void; warn(msg: string): void };
}

type LoginListener = (response: LoginResponse) => void | Promise<void>;
type ApiErrorListener = (method: ConsoleApiMethod, err: ApiError) => void;

export interface ConsoleSession {
  /** Loads the stored token and install id (creating the install id on first run). */
  initialize(): Promise<void>;
  /** The HTTP ConsoleApi for the bound site; throws `site_not_configured` without one. */
  api(): ConsoleApi;
  /** The bearer token, for main-process clients only (event socket, updater). */
  token(): string | null;
  installId(): string;
  /** Called after each successful login, with the full answer (e.g. to fetch the update token). */
  onLogin(listener: LoginListener): () => void;
  /** Called with every ConsoleApi error (e.g. a login refused with 426 console_update_required). */
  onApiError(listener: ApiErrorListener): () => void;
  /** Called when the session ends: logout, 401, revoked, or the site changed. */
  onEnded(listener: () => void): () => void;
  end(reason: string): Promise<void>;
  /** A main-process client's call (an upload) was refused: "not logged in" ends the session, as for IPC calls. */
  refused(err: unknown): Promise<void>;
}

const SESSION_ENDING_CODES = new Set(['unauthenticated', 'session_expired']);

export function newInstallId(): string {
  return crypto.randomBytes(18).toString('base64url');
}

export function createConsoleSession(deps: ConsoleSessionDeps): ConsoleSession {
  let token: string | null = null;
  let installId = '';
  const loginListeners = new Set<LoginListener>();
  const endedListeners = new Set<() => void>();
  const errorListeners = new Set<ApiErrorListener>();
  let cached: { siteUrl: string; api: ConsoleApi } | null = null;
  // Its answer goes through `onLogin` below like a password login's (token kept here, listeners told).
  const browserSignIn = createBrowserSignIn({
    siteUrl: deps.siteUrl,
    fetch: deps.fetch,
    installId: () => installId,
    appVersion: deps.appVersion,
    openExternal: deps.openExternal,
    focusWindow: deps.focusWindow,
    log: deps.log,
  });

  async function end(reason: string): Promise<void> {
    const had = token !== null;
    token = null;
    await deps.secrets.delete('session_token');
    if (had) deps.log.info(`session ended (${reason})`);
    for (const l of [...endedListeners]) l();
  }

  async function refused(err: unknown): Promise<void> {
    if (err instanceof ApiError && SESSION_ENDING_CODES.has(err.code) && token) await end(err.code);
  }

  function build(siteUrl: string): ConsoleApi {
    const http = createHttpConsoleApi({
      baseUrl: siteUrl,
      fetch: deps.fetch,
      credentials: 'omit',
      saveFile: deps.saveFile,
      browserSignIn,
      auth: {
        headers: (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {}),
        loginExtras: () => ({ client: 'console', console_version: deps.appVersion, install_id: installId }),
        async onLogin(response) {
          if (!response.token)
            throw new ApiError(502, 'internal_error', 'The appliance did not issue a console session token.');
          token = response.token;
          await deps.secrets.set('session_token', response.token);
          for (const l of [...loginListeners]) {
            // A listener's failure (e.g. fetching the update token) must not turn a good login into an error.
            try {
              await l(response);
            } catch (err) {
              deps.log.warn(`after-login step failed: ${(err as Error).message}`);
            }
          }
        },
        onLogout: () => end('logout'),
      },
    });
    // Any call answered "not logged in" means the stored token is dead: forget it.
    return proxyMethods<ConsoleApi>(CONSOLE_API_METHODS, async (name, args) => {
      try {
        return absolutizeSiteUrls(await callMethod(http, name, args), siteUrl);
      } catch (err) {
        if (err instanceof ApiError) {
          if (!SIGN_IN_METHODS.includes(name)) await refused(err);
          for (const l of [...errorListeners]) l(name, err);
        }
        throw err;
      }
    });
  }

  return {
    async initialize() {
      token = await deps.secrets.get('session_token');
      const stored = await deps.secrets.get('install_id');
      if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) {
        installId = stored;
      } else {
        installId = newInstallId();
        await deps.secrets.set('install_id', installId);
      }
    },
    api() {
      const siteUrl = deps.siteUrl();
      if (!siteUrl) throw new ApiError(0, 'site_not_configured', 'This console is not bound to a site yet.');
      if (cached?.siteUrl !== siteUrl) cached = { siteUrl, api: build(siteUrl) };
      return cached.api;
    },
    token: () => token,
    installId: () => installId,
    onLogin(listener) {
      loginListeners.add(listener);
      return () => loginListeners.delete(listener);
    },
    onApiError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    onEnded(listener) {
      endedListeners.add(listener);
      return () => endedListeners.delete(listener);
    },
    end,
    refused,
  };
}
