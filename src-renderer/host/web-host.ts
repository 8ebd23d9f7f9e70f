/**
 * The browser host of the renderer (the web representative console served at `/console/`):
 * ConsoleApi over HTTP with the cookie session. The session cookie is HttpOnly, so the page never
 * sees it; unsafe requests carry the readable `csrf_token` cookie in `X-CSRF-Token`. Live events
 * come from a WebSocket that is open while logged in.
 */
import { type AdminUploads, type ConsoleApi, type ConsoleHost } from '../../src-shared/console-api.js';
import {
  createHttpConsoleApi,
  createHttpDesktopSignInApproval,
  createHttpPasskeyCeremonies,
  type HttpConsoleApiOptions,
} from '../../src-shared/console-api-http.js';
import { type LiveEvent } from '../../src-shared/api/events.js';
import { ApiError } from '../../src-shared/api-error.js';
import { browserDownload } from './browser-download.js';
import { goToIdentityProvider } from './browser-sign-in.js';
import { csrfHeaders, readCookie } from './cookies.js';
import { EventSocket, eventsUrl } from './event-socket.js';

export interface WebHostOptions {
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  eventsUrl?: string;
  WebSocketImpl?: typeof WebSocket;
}

export function createWebHost(opts: WebHostOptions = {}): ConsoleHost {
  const listeners = new Set<(event: LiveEvent) => void>();
  const socket = new EventSocket({
    url: opts.eventsUrl ?? eventsUrl(window.location),
    WebSocketImpl: opts.WebSocketImpl,
    onEvent: (event) => {
      for (const l of [...listeners]) l(event);
    },
  });
  const http: HttpConsoleApiOptions = {
    baseUrl: opts.baseUrl ?? '',
    fetch: opts.fetch ?? globalThis.fetch.bind(globalThis),
    credentials: 'same-origin',
    saveFile: (url) => browserDownload(url),
    browserSignIn: { start: (options) => goToIdentityProvider(options), cancel: async () => undefined },
    auth: {
      headers: (method) => csrfHeaders(method),
      loginExtras: () => ({ client: 'web' }),
      onLogin: () => socket.start(),
      onLogout: () => socket.stop(),
    },
  };
  const api: ConsoleApi = createHttpConsoleApi(http);
  return {
    ...api,
    // A successful account read means the cookie session is live (a reload): listen from then on.
    async getAccount() {
      // The session cookie is HttpOnly, but the readable CSRF cookie is set and cleared with it:
      // without it there is no web session, so the start-up check needs no round trip.
      if (readCookie('csrf_token') === null) throw new ApiError(401, 'unauthenticated', 'Not logged in.');
      const account = await api.getAccount();
      socket.start();
      return account;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    kind: 'web',
    passkeys: createHttpPasskeyCeremonies(http),
    desktopSignIns: createHttpDesktopSignInApproval(http),
    uploads: lazyUploads(http.baseUrl),
  };
}

/**
 * The uploads of Management > Console software, loaded with the first one: the login screen's
 * start chunk carries neither their code nor the release contract's schemas it names the signature
 * header from (src-shared/api/updates.ts, TypeBox).
 */
function lazyUploads(baseUrl: string): AdminUploads {
  const uploads = () => import('./uploads.js').then((m) => m.createBrowserUploads(baseUrl));
  return {
    publishRelease: async (upload, onProgress) => (await uploads()).publishRelease(upload, onProgress),
    replaceDownload: async (upload, onProgress) => (await uploads()).replaceDownload(upload, onProgress),
  };
}
