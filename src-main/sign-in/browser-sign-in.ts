/**
 * The desktop console's sign-in through the system browser (RFC 8252 with PKCE), as one unit that
 * receives Electron's `shell.openExternal` and the window's focus as parameters:
 *
 *   fresh verifier, S256 challenge, state → loopback listener (127.0.0.1, a free port, 5 minutes)
 *   → the system browser at <site>/api/auth/desktop/authorize?… (only ever the bound site)
 *   → the person signs in there → the browser brings /callback?code&state (or error=access_denied)
 *   → POST /api/auth/desktop/token {code, verifier, redirect_uri, install id, version}
 *   → the login answer (its token stays in main) → the browser tab is sent to the result page
 *   → the console window comes to the front.
 *
 * One sign-in at a time: starting another cancels the one waiting.
 */
import {
  type BrowserSignInOptions,
  DESKTOP_AUTHORIZE_PATH,
  DESKTOP_TOKEN_PATH,
  type DesktopTokenRequest,
} from '../../src-shared/api/desktop-sign-in.js';
import { type LoginResponse } from '../../src-shared/api/auth.js';
import { createRequest } from '../../src-shared/console-api-http.js';
import { ApiError } from '../../src-shared/errors.js';
import { isAllowedExternalUrl } from '../security/navigation-policy.js';
import { failureRedirect, refusalPage, resultRedirect } from './callback-answers.js';
import { listenForCallback, type LoopbackCallback, type Timers } from './loopback-callback.js';
import { createSignInSecrets } from './pkce.js';

export interface BrowserSignInDeps {
  siteUrl(): string | null;
  fetch: typeof globalThis.fetch;
  installId(): string;
  appVersion: string;
  /** Electron's `shell.openExternal`. */
  openExternal(url: string): Promise<void>;
  /** Brings the console window to the front. */
  focusWindow(): void;
  log: { info(msg: string): void; warn(msg: string): void };
  timers?: Timers;
}

export interface BrowserSignIn {
  /** Resolves with the token exchange's answer once the person has signed in in the browser. */
  start(options: BrowserSignInOptions): Promise<LoginResponse>;
  /** Stops waiting for the browser (the waiting `start` rejects with desktop_sign_in_cancelled). */
  cancel(): Promise<void>;
}

export function authorizeUrl(
  siteUrl: string,
  p: { redirectUri: string; codeChallenge: string; state: string; identityProviderId?: number },
): string {
  const url = new URL(DESKTOP_AUTHORIZE_PATH, siteUrl);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('code_challenge', p.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', p.state);
  if (p.identityProviderId !== undefined) url.searchParams.set('identity_provider', String(p.identityProviderId));
  return url.href;
}

export function createBrowserSignIn(deps: BrowserSignInDeps): BrowserSignIn {
  let waiting: LoopbackCallback<LoginResponse> | null = null;

  async function exchange(siteUrl: string, body: Omit<DesktopTokenRequest, 'install_id' | 'console_version'>) {
    const request = createRequest({ baseUrl: siteUrl, fetch: deps.fetch, credentials: 'omit', headers: () => ({}) });
    return request<LoginResponse>('POST', DESKTOP_TOKEN_PATH, {
      ...body,
      install_id: deps.installId(),
      console_version: deps.appVersion,
    });
  }

  async function start(options: BrowserSignInOptions): Promise<LoginResponse> {
    const siteUrl = deps.siteUrl();
    if (!siteUrl) throw new ApiError(0, 'site_not_configured', 'This console is not bound to a site yet.');
    waiting?.cancel();
    const secrets = createSignInSecrets();
    let redirectUri = '';
    const listener = await listenForCallback<LoginResponse>({
      state: secrets.state,
      timers: deps.timers,
      refusal: refusalPage,
      failed: (err) => failureRedirect(siteUrl, err),
      async onCallback(query) {
        if (query.has('error'))
          throw new ApiError(0, 'desktop_sign_in_denied', 'The sign-in was refused in the browser.', {
            error: query.get('error')!.slice(0, 64),
          });
        const code = query.get('code');
        if (!code) throw new ApiError(0, 'desktop_code_invalid', 'The browser brought no sign-in code.');
        const response = await exchange(siteUrl, {
          code,
          code_verifier: secrets.codeVerifier,
          redirect_uri: redirectUri,
        });
        if (!response.token)
          throw new ApiError(502, 'internal_error', 'The appliance did not issue a console session token.');
        return { value: response, answer: resultRedirect(siteUrl) };
      },
    });
    redirectUri = listener.redirectUri;
    waiting = listener;
    const url = authorizeUrl(siteUrl, {
      redirectUri,
      codeChallenge: secrets.codeChallenge,
      state: secrets.state,
      identityProviderId: options.identity_provider_id,
    });
    try {
      // The same allow-list as every link the console opens: the bound site only.
      if (!isAllowedExternalUrl(url, siteUrl))
        throw new ApiError(0, 'insecure_site_url', 'The site URL is not allowed.');
      await deps.openExternal(url);
      deps.log.info(`browser sign-in: waiting on ${redirectUri}`);
      const response = await listener.done;
      deps.log.info('browser sign-in: signed in');
      deps.focusWindow();
      return response;
    } catch (err) {
      listener.cancel();
      const code = err instanceof ApiError ? err.code : String(err);
      deps.log.warn(`browser sign-in: ${code}`);
      // The person came back from the browser with an answer: show it to them.
      if (err instanceof ApiError && err.code !== 'desktop_sign_in_cancelled' && err.code !== 'desktop_sign_in_timeout')
        deps.focusWindow();
      throw err;
    } finally {
      if (waiting === listener) waiting = null;
    }
  }

  return {
    start,
    async cancel() {
      waiting?.cancel();
    },
  };
}
