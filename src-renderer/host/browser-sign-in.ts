/**
 * The web console's `browserSignIn`: this page already is the browser, so signing in "with the
 * browser" means going to the identity provider. The page leaves, so the promise never settles.
 */
import { type BrowserSignInOptions } from '../../src-shared/api/desktop-sign-in.js';
import { type LoginResponse } from '../../src-shared/api/auth.js';
import { ApiError } from '../../src-shared/api-error.js';

export function goToIdentityProvider(options: BrowserSignInOptions): Promise<LoginResponse> {
  if (options.identity_provider_id === undefined)
    return Promise.reject(new ApiError(400, 'bad_request', 'The web console signs in here, not in another browser.'));
  window.location.assign(ssoStartPath(options.identity_provider_id, options.desktop_request));
  return new Promise<LoginResponse>(() => undefined);
}

/**
 * Where a browser begins signing in with a provider (`GET /api/auth/sso/{id}/start`); with
 * `desktopRequest` it completes that desktop sign-in. Here rather than next to the provider
 * schemas (src-shared/api/identity-providers.ts), which would bring TypeBox into the start chunk.
 */
function ssoStartPath(providerId: number, desktopRequest?: string): string {
  const path = `/api/auth/sso/${providerId}/start`;
  return desktopRequest ? `${path}?desktop_request=${encodeURIComponent(desktopRequest)}` : path;
}
