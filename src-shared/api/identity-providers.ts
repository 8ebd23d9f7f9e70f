/**
 * Single sign-on with the site's own identity providers (OpenID Connect). The browser starts at
 * `GET /api/auth/sso/{id}/start`, which sends it to the provider; the provider sends it back to
 * `/api/auth/sso/{id}/callback`, which starts a web session or completes a desktop sign-in.
 */

/** Where a browser begins signing in with a provider; with `desktopRequest` it completes that desktop sign-in. */
export function ssoStartPath(providerId: number, desktopRequest?: string): string {
  const path = `/api/auth/sso/${providerId}/start`;
  return desktopRequest ? `${path}?desktop_request=${encodeURIComponent(desktopRequest)}` : path;
}
