/**
 * Where the console window may go. Navigation and new windows are denied except for the app's own
 * pages; a link the renderer opens is handed to the system browser only when it is on the bound
 * site (https, or http on loopback) — e.g. the appliance's download page for the 1.1gws message —
 * or on the fixed allow-list below. Everything else is dropped.
 */
import { checkSiteUrl } from '../../src-shared/install-options.js';
import { isAppUrl, type AppLocations } from './sender-policy.js';

/** Origins outside the bound site that may be opened in the system browser. */
export const EXTERNAL_ALLOWED_ORIGINS: readonly string[] = [];

export function navigationAllowed(url: string, locations: AppLocations): boolean {
  return isAppUrl(url, locations);
}

/** True when `url` may be opened with `shell.openExternal`. */
export function isAllowedExternalUrl(url: string, siteUrl: string | null): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (EXTERNAL_ALLOWED_ORIGINS.includes(u.origin) && u.protocol === 'https:') return true;
  if (!siteUrl) return false;
  const site = new URL(siteUrl);
  // The same rules as the site binding: http only where the site itself is on loopback.
  return u.origin === site.origin && checkSiteUrl(u.origin).ok;
}

export interface WindowOpenDecision {
  action: 'deny';
  /** Set when the URL should go to the system browser instead. */
  openExternal: string | null;
}

/** `setWindowOpenHandler`: never a new Electron window; maybe the system browser. */
export function decideWindowOpen(url: string, siteUrl: string | null): WindowOpenDecision {
  return { action: 'deny', openExternal: isAllowedExternalUrl(url, siteUrl) ? url : null };
}
