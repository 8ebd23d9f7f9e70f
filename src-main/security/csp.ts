/**
 * The console window's Content-Security-Policy, sent as a header on every app:// response. The
 * renderer reaches the network only through IPC, so `connect-src 'none'` in production: an
 * injected script could not talk to anything. Images may come from the bound site (profile photos
 * are public URLs on the appliance). The development variant admits the Vite dev server (its
 * module scripts, the inline React-refresh preamble and its HMR socket).
 */
export interface CspOptions {
  siteUrl: string | null;
  /** electron-vite's dev server URL (ELECTRON_RENDERER_URL) in development, else null. */
  devServerUrl: string | null;
}

export function contentSecurityPolicy(opts: CspOptions): string {
  const site = opts.siteUrl ? new URL(opts.siteUrl).origin : null;
  const dev = opts.devServerUrl ? new URL(opts.devServerUrl) : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(site ? [site] : [])],
    'font-src': ["'self'"],
    'connect-src': ["'none'"],
    'media-src': ["'none'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  if (dev) {
    directives['script-src'] = ["'self'", "'unsafe-inline'", dev.origin];
    directives['connect-src'] = ["'self'", dev.origin, `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`];
  }
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
