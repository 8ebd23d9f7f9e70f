/**
 * Preload side of the console bridge (runs in the sandboxed preload; `src-main/electron/preload.ts`
 * hands it `ipcRenderer` and exposes the result with contextBridge). It exposes exactly the
 * ConsoleApi methods — channels derived with `consoleChannel`, so no name is typed twice — plus
 * `onEvent` for the allowed live events. Never `ipcRenderer` itself.
 */
import {
  CONSOLE_API_METHODS,
  CONSOLE_EVENT_CHANNEL,
  consoleChannel,
  type IpcResult,
} from '../../src-shared/console-api.js';
import {
  errorResult,
  SITE_CHANNELS,
  type ConsoleBridge,
  type ConsoleBridgeMethods,
  type SiteBridge,
} from '../../src-shared/console-bridge.js';
import { isLiveEvent, type LiveEvent } from '../../src-shared/api/events.js';
import { ApiError } from '../../src-shared/errors.js';

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's `ipcRenderer` used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: RendererListener): unknown;
  removeListener(channel: string, listener: RendererListener): unknown;
}

function invoker(ipc: IpcRendererLike) {
  return (channel: string) =>
    async (...args: unknown[]): Promise<IpcResult<unknown>> => {
      try {
        return (await ipc.invoke(channel, ...args)) as IpcResult<unknown>;
      } catch (err) {
        // Only when main has no handler or a value cannot be cloned: still an envelope, never a throw.
        return errorResult(
          new ApiError(0, 'internal_error', `The desktop console could not be reached (${(err as Error).message}).`),
        );
      }
    };
}

/** `window.consoleSite`: the first-run site entry. */
export function createSiteBridge(ipc: IpcRendererLike): SiteBridge {
  const call = invoker(ipc);
  return { get: call(SITE_CHANNELS.get), set: call(SITE_CHANNELS.set) } as SiteBridge;
}

export function createConsoleBridge(ipc: IpcRendererLike): ConsoleBridge {
  const call = invoker(ipc);
  const methods = Object.fromEntries(
    CONSOLE_API_METHODS.map((m) => [m, call(consoleChannel(m))]),
  ) as unknown as ConsoleBridgeMethods;
  return {
    ...methods,
    onEvent(listener: (event: LiveEvent) => void) {
      const wrapped: RendererListener = (_event, payload) => {
        if (isLiveEvent(payload)) listener(payload);
      };
      ipc.on(CONSOLE_EVENT_CHANNEL, wrapped);
      return () => {
        ipc.removeListener(CONSOLE_EVENT_CHANNEL, wrapped);
      };
    },
    kind: 'desktop',
  };
}
