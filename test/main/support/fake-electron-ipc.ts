/**
 * An in-memory ipcMain / ipcRenderer pair that behaves like Electron's where it matters here:
 * - arguments and results are copied with the structured clone algorithm (functions, class
 *   prototypes and getters do not survive; Uint8Array does);
 * - a handler that throws reaches the caller as a plain Error carrying only
 *   "Error invoking remote method '<channel>': <error>" — code, status and class are lost;
 * - an invoke with no handler rejects with "No handler registered for '<channel>'";
 * - main → renderer messages (`webContents.send`) are cloned too.
 * The sender frame (URL, top-level or not) is set by the test, as Electron sets it from the page.
 */
import { type IpcMainLike, type InvokeEventLike } from '../../../src-main/ipc/console-ipc.js';
import { type IpcRendererLike } from '../../../src-main/ipc/console-bridge-preload.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;

export interface FakeFrame {
  url: string;
  parent: object | null;
}

export function createIpcPair(frame: FakeFrame) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  let invokes = 0;

  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      invokes++;
      const cloned = structuredClone(args); // throws DataCloneError for functions, like Electron
      const handler = handlers.get(channel);
      if (!handler)
        throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event: InvokeEventLike = {
        senderFrame: frame.url === '' ? null : { url: frame.url, parent: frame.parent },
      };
      let result: unknown;
      try {
        result = await handler(event, ...cloned);
      } catch (err) {
        // eslint-disable-next-line preserve-caught-error -- Electron drops everything but the message; this fake must too
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
      }
      return structuredClone(result);
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  /** `webContents.send(channel, ...args)` from main. */
  function send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    for (const l of [...(listeners.get(channel) ?? [])]) l({ sender: 'ipcRenderer' }, ...cloned);
  }

  return {
    ipcMain,
    ipcRenderer,
    send,
    frame,
    handlers,
    invokeCount: () => invokes,
    listenerCount: (c: string) => listeners.get(c)?.size ?? 0,
  };
}
