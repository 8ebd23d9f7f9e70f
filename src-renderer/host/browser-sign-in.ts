/**
 * The web console's `browserSignIn`: this page already is the browser, so signing in "with the
 * browser" means going to the identity provider. The page leaves, so the promise never settles.
 */
import { type BrowserSignInOptions } from '../../src-shared/api/desktop-sign-in.js';
import { type LoginResponse } from '../../src-shared/api/auth.js';
import { ApiError } from '../../src-shared/api-error.js';
import { ssoStartPath } from '../../src-shared/sso-start-path.js';

export function goToIdentityProvider(options: BrowserSignInOptions): Promise<LoginResponse> {
  if (options.identity_provider_id === undefined)
    return Promise.reject(new ApiError(400, 'bad_request', 'The web console signs in here, not in another browser.'));
  window.location.assign(ssoStartPath(options.identity_provider_id, options.desktop_request));
  return new Promise<LoginResponse>(() => undefined);
}
