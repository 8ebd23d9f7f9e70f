/**
 * Which renderer may call the main process: only the app's own pages, in the top frame. The app is
 * served from `app://console/` when packaged (a privileged custom scheme, not file://, so no other
 * local file counts as "the app"), or from the electron-vite dev server in development.
 */

/** The places the app's own pages are loaded from, e.g. `app://console/` and, in development, `http://localhost:5173/`. */
export type AppLocations = readonly string[];

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_BASE_URL = `${APP_SCHEME}://${APP_HOST}/`;

/** True when `url` is one of the app's own pages (same scheme, host and port as an app location). */
export function isAppUrl(url: string, locations: AppLocations): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return locations.some((base) => {
    const b = new URL(base);
    return u.protocol === b.protocol && u.host === b.host && !u.username && !u.password;
  });
}

/** The part of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** An IPC call is trusted only from the app's own page in a top-level frame (never an iframe). */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, locations: AppLocations): boolean {
  if (!frame) return false; // the frame navigated away or was destroyed
  return frame.parent === null && isAppUrl(frame.url, locations);
}
