/**
 * Main-process side of a bridge: one `ipcMain.handle` per method of an interface, on its channel.
 * Every call goes the same way, whichever bridge it belongs to (the ConsoleApi, the site entry):
 * sender check (refusals logged) → argument check against the shared schema table (before
 * anything else runs) → the method → an `IpcResult` envelope. Handlers never throw: Electron would
 * keep only the message of the error.
 */
import { type IpcResult } from '../../src-shared/console-api.js';
import { checkArgs, type ArgumentTable } from '../../src-shared/console-api-validate.js';
import { errorResult, okResult } from '../../src-shared/console-bridge.js';
import { ApiError } from '../../src-shared/errors.js';
import { callMethod, type MethodName } from '../../src-shared/method-proxy.js';
import { type SenderFrameLike } from '../security/sender-policy.js';

export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcMethodsDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrameLike | null): boolean;
  log: { warn(msg: string): void; error(msg: string): void };
}

export interface IpcMethods<T extends object> {
  methods: readonly MethodName<T>[];
  args: ArgumentTable<MethodName<T>>;
  channel(method: MethodName<T>): string;
  /** The implementation, resolved at each call (it may throw an ApiError, e.g. `site_not_configured`). */
  target(): T;
}

/** Registers every handler; returns a function that removes them. */
export function registerIpcMethods<T extends object>(deps: IpcMethodsDeps, bridge: IpcMethods<T>): () => void {
  for (const method of bridge.methods) {
    const channel = bridge.channel(method);
    deps.ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      if (!deps.isTrustedSender(event.senderFrame)) {
        deps.log.warn(`ipc: refused ${channel} from ${event.senderFrame?.url || 'a destroyed frame'}`);
        return errorResult(new ApiError(403, 'ipc_sender_refused', 'This page may not use the console API.'));
      }
      const check = checkArgs(bridge.args, method, args);
      if (!check.ok) {
        deps.log.warn(`ipc: refused ${channel}: ${check.reason}`);
        return errorResult(new ApiError(400, 'ipc_invalid_arguments', `Invalid arguments: ${check.reason}`));
      }
      try {
        return okResult(await callMethod(bridge.target(), method, args));
      } catch (err) {
        if (!(err instanceof ApiError))
          deps.log.error(`ipc: ${channel} failed: ${(err as Error)?.stack ?? String(err)}`);
        return errorResult(err);
      }
    });
  }
  return () => {
    for (const method of bridge.methods) deps.ipcMain.removeHandler(bridge.channel(method));
  };
}
