/**
 * The desktop console's software update as its window sees it. Main owns the update (the
 * electron-updater download, the install decision); the window shows `UpdateStatus`, which main
 * sends as the `update.status` event on the console's event channel whenever it changes, and
 * answers through `UpdateControls` (Restart now, Later, Try again, the download page), a bridge of
 * its own (`window.consoleUpdates`) checked by main like every IPC method. The browser host has
 * neither: a web page is updated with the appliance.
 */
import { type TSchema } from 'typebox';
import { type MethodName } from './method-proxy.js';
import { type TransferProgress } from './transfer-progress.js';

/**
 * Why an update could not happen. `1.1gws` is the seed's: no update token, the token refused, the
 * feed missing or unreachable. `untrusted`: not signed by a release key the console pins.
 * `update_required`: the site requires a newer console and automatic updates are off.
 */
export type UpdateFailureKind = '1.1gws' | 'network' | 'disk' | 'verification' | 'untrusted' | 'update_required';

/** Whether the console tries again by itself, and when. */
export type RetryState = { state: 'scheduled'; at: string } | { state: 'running' } | { state: 'none' };

export type UpdateStatus =
  /** Nothing to show: no update, up to date, or automatic updates off. */
  | { phase: 'idle' }
  /** `forced`: the site requires this version before the technician can sign in (426). */
  | { phase: 'downloading'; version: string; forced: boolean; progress: TransferProgress }
  /** Downloaded and verified: the technician chooses Restart now (`pending`) or has chosen Later. */
  | { phase: 'ready'; version: string; choice: 'pending' | 'later' }
  /** The installer was started; the console quits now (and starts again unless the run was silent). */
  | { phase: 'installing'; version: string; forced: boolean }
  | { phase: 'failed'; kind: UpdateFailureKind; download_url: string; retry: RetryState };

export const IDLE_UPDATE_STATUS: UpdateStatus = { phase: 'idle' };

export interface UpdateControls {
  /** The current status (the window asks when it loads; changes come as `update.status` events). */
  status(): Promise<UpdateStatus>;
  /** Installs the downloaded update now and starts the console again (`update_not_ready` without one). */
  restartNow(): Promise<void>;
  /** Leaves the downloaded update to be installed when the console quits. */
  later(): Promise<void>;
  /** Checks again at once after a failure (the answer comes as status events). */
  retryNow(): Promise<void>;
  /** Opens the site's download page in the system browser. */
  openDownloadPage(): Promise<void>;
}

/** The window key the preload exposes the update controls on. */
export const UPDATES_BRIDGE_KEY = 'consoleUpdates' as const;

/** None of the controls takes an argument; main refuses calls that pass one. */
export const UPDATE_CONTROL_ARGS = {
  status: null,
  restartNow: null,
  later: null,
  retryNow: null,
  openDownloadPage: null,
} as const satisfies { [K in MethodName<UpdateControls>]: TSchema | null };

export const UPDATE_CONTROL_METHODS = Object.keys(UPDATE_CONTROL_ARGS) as MethodName<UpdateControls>[];
export const updatesChannel = <K extends MethodName<UpdateControls>>(method: K): `desktop:updates:${K}` =>
  `desktop:updates:${method}`;
