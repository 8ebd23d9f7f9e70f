/**
 * Main-process side of the console bridge: one `ipcMain.handle` per ConsoleApi method, on
 * `consoleChannel(method)`. Each call: sender check → argument check (`checkConsoleArgs`, before any
 * HTTP) → the HTTP ConsoleApi with the session's bearer token → an `IpcResult` envelope. Handlers
 * never throw: Electron would keep only the message of the error.
 */
import { CONSOLE_API_METHODS, consoleChannel, type ConsoleApi, type IpcResult } from '../../src-shared/console-api.js';
import { checkConsoleArgs } from '../../src-shared/console-api-validate.js';
import { errorResult, okResult } from '../../src-shared/console-bridge.js';
import { ApiError } from '../../src-shared/errors.js';
import { type SenderFrameLike } from '../security/sender-policy.js';

export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface ConsoleIpcDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrameLike | null): boolean;
  /** The HTTP ConsoleApi bound to the site and token; throws `site_not_configured` when there is no site. */
  api(): ConsoleApi;
  log: { warn(msg: string): void; error(msg: string): void };
}

/** Registers every handler; returns a function that removes them. */
export function registerConsoleIpc(deps: ConsoleIpcDeps): () => void {
  for (const method of CONSOLE_API_METHODS) {
    const channel = consoleChannel(method);
    deps.ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
      if (!deps.isTrustedSender(event.senderFrame)) {
        deps.log.warn(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return errorResult(new ApiError(403, 'ipc_sender_refused', 'This page may not use the console API.'));
      }
      const check = checkConsoleArgs(method, args);
      if (!check.ok) {
        deps.log.warn(`ipc: refused ${channel}: ${check.reason}`);
        return errorResult(new ApiError(400, 'ipc_invalid_arguments', `Invalid arguments: ${check.reason}`));
      }
      try {
        const api = deps.api();
        const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
        return okResult(await fn.apply(api, args));
      } catch (err) {
        if (!(err instanceof ApiError))
          deps.log.error(`ipc: ${channel} failed: ${(err as Error)?.stack ?? String(err)}`);
        return errorResult(err);
      }
    });
  }
  return () => {
    for (const method of CONSOLE_API_METHODS) deps.ipcMain.removeHandler(consoleChannel(method));
  };
}
