/**
 * Where a browser begins signing in with an identity provider (`GET /api/auth/sso/{id}/start`);
 * with `desktopRequest` it completes that desktop sign-in. The appliance sends the system browser
 * there, and the web console goes there itself. A module without TypeBox, so the renderer's start
 * chunk can hold it (test/renderer/start-chunk.test.ts).
 */
export function ssoStartPath(providerId: number, desktopRequest?: string): string {
  const path = `/api/auth/sso/${providerId}/start`;
  return desktopRequest ? `${path}?desktop_request=${encodeURIComponent(desktopRequest)}` : path;
}
