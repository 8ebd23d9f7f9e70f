/**
 * The web console's Content-Security-Policy: scripts, styles and connections only from the
 * appliance itself, no inline script or style, no remote origin. Images may also be data: (the QR
 * code drawn in the page) and blob: (the photo preview). `connect-src 'self'` covers the
 * same-origin WebSocket to /api/events (CSP 3).
 */
export const WEB_CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Headers on every web-console response, beside the appliance-wide ones (nosniff, no-referrer). */
export const WEB_CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy': WEB_CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
