/**
 * The appliance answers with root-relative URLs (`photo_url: "/api/users/7/photo?v=…"`), which the
 * browser resolves against the appliance. The desktop renderer's own origin is `app://console`, so
 * main makes them absolute against the bound site before they cross to the renderer (its CSP
 * allows images from the site).
 */
const URL_KEYS = new Set(['photo_url']);

export function absolutizeSiteUrls<T>(value: T, siteUrl: string): T {
  if (Array.isArray(value)) return value.map((v) => absolutizeSiteUrls(v, siteUrl)) as T;
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      URL_KEYS.has(k) && typeof v === 'string' && v.startsWith('/') && !v.startsWith('//')
        ? new URL(v, siteUrl).href
        : absolutizeSiteUrls(v, siteUrl);
  }
  return out as T;
}
