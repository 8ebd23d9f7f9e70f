/**
 * The one ConsoleHost the renderer uses: the preload's `window.consoleApi` in Electron, the web host
 * in the browser. Stores reach the host only through `host()`; tests install theirs with `setHost`.
 */
import { type ConsoleHost } from '../../src-shared/console-api.js';

declare global {
  interface Window {
    consoleApi?: ConsoleHost;
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
