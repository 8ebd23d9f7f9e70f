/**
 * The one ConsoleHost the renderer uses: the preload's bridge in Electron, the web host in the
 * browser (see main.tsx). Stores reach the host only through `host()`; tests install theirs with `setHost`.
 */
import { type ConsoleHost } from '../../src-shared/console-api.js';
import {
  type ConsoleBridge,
  type SiteBridge,
  type UpdatesBridge,
  type UploadsBridge,
} from '../../src-shared/console-bridge.js';

declare global {
  interface Window {
    /** Desktop console: the preload's ConsoleApi bridge (each method answers an IpcResult envelope). */
    consoleApi?: ConsoleBridge;
    /** Desktop console: the first-run site entry. */
    consoleSite?: SiteBridge;
    /** Desktop console: the software update's controls (Restart now, Later, Try again). */
    consoleUpdates?: UpdatesBridge;
    /** Desktop console: uploads of files main's own dialog picks. */
    consoleUploads?: UploadsBridge;
  }
}

let current: ConsoleHost | null = null;

export function setHost(host: ConsoleHost): void {
  current = host;
}

export function host(): ConsoleHost {
  if (!current) throw new Error('ConsoleHost not set: call setHost() at start');
  return current;
}
