/**
 * Preload side of the bridges (runs in the sandboxed preload; `src-main/electron/preload.ts`
 * hands it `ipcRenderer` and exposes the results with contextBridge). Each exposes exactly its
 * interface's methods as IPC calls on the derived channels (`proxyMethods`, so no name is typed
 * twice), answering with envelopes; the console bridge adds `onEvent` for the allowed live
 * events and main's own (desktop-events.ts). Never `ipcRenderer` itself.
 */
import {
  CONSOLE_API_METHODS,
  CONSOLE_EVENT_CHANNEL,
  consoleChannel,
  type ConsoleApi,
  type IpcResult,
} from '../../src-shared/console-api.js';
import {
  errorResult,
  SITE_API_METHODS,
  siteChannel,
  type Bridged,
  type ConsoleBridge,
  type SiteApi,
  type SiteBridge,
  type UpdatesBridge,
  type UploadsBridge,
} from '../../src-shared/console-bridge.js';
import { isConsoleEvent, type ConsoleEvent } from '../../src-shared/desktop-events.js';
import { UPDATE_CONTROL_METHODS, updatesChannel, type UpdateControls } from '../../src-shared/software-update.js';
import { DESKTOP_UPLOAD_METHODS, uploadsChannel, type DesktopUploads } from '../../src-shared/desktop-uploads.js';
import { ApiError } from '../../src-shared/errors.js';
import { proxyMethods, type MethodName } from '../../src-shared/method-proxy.js';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

/** Each listed method as `ipc.invoke(channel(method), ...args)`, always answering with an envelope. */
function ipcBridge<T extends object>(
  ipc: IpcRendererLike,
  methods: readonly MethodName<T>[],
  channel: (method: MethodName<T>) => string,
): Bridged<T> {
  return proxyMethods<Bridged<T>>(methods, async (method, args): Promise<IpcResult<unknown>> => {
    try {
      return (await ipc.invoke(channel(method), ...args)) as IpcResult<unknown>;
    } catch (err) {
      // Only when main has no handler or a value cannot be cloned: still an envelope, never a throw.
      return errorResult(
        new ApiError(0, 'internal_error', `The desktop console could not be reached (${(err as Error).message}).`),
      );
    }
  });
}

/** `window.consoleSite`: the first-run site entry. */
export function createSiteBridge(ipc: IpcRendererLike): SiteBridge {
  return ipcBridge<SiteApi>(ipc, SITE_API_METHODS, siteChannel);
}

/** `window.consoleUpdates`: Restart now, Later, Try again, the download page. */
export function createUpdatesBridge(ipc: IpcRendererLike): UpdatesBridge {
  return ipcBridge<UpdateControls>(ipc, UPDATE_CONTROL_METHODS, updatesChannel);
}

/** `window.consoleUploads`: pick a file in main's dialog, publish or replace with it. */
export function createUploadsBridge(ipc: IpcRendererLike): UploadsBridge {
  return ipcBridge<DesktopUploads>(ipc, DESKTOP_UPLOAD_METHODS, uploadsChannel);
}

export function createConsoleBridge(ipc: IpcRendererLike): ConsoleBridge {
  return {
    ...ipcBridge<ConsoleApi>(ipc, CONSOLE_API_METHODS, consoleChannel),
    onEvent(listener: (event: ConsoleEvent) => void) {
      const wrapped: RendererListener = (_event, payload) => {
        if (isConsoleEvent(payload)) listener(payload);
      };
      ipc.on(CONSOLE_EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(CONSOLE_EVENT_CHANNEL, wrapped);
      };
    },
    kind: 'desktop',
  };
}
