/**
 * The ConsoleApi over IPC: one handler per method on `consoleChannel(method)` (registerIpcMethods:
 * sender check → CONSOLE_API_ARGS check, before any HTTP → the HTTP ConsoleApi with the session's
 * bearer token → an `IpcResult` envelope).
 */
import {
  CONSOLE_API_ARGS,
  CONSOLE_API_METHODS,
  consoleChannel,
  type ConsoleApi,
} from '../../src-shared/console-api.js';
import { registerIpcMethods, type IpcMethodsDeps } from './ipc-methods.js';

export type { IpcMainLike, InvokeEventLike } from './ipc-methods.js';

export interface ConsoleIpcDeps extends IpcMethodsDeps {
  /** The HTTP ConsoleApi bound to the site and token; throws `site_not_configured` when there is no site. */
  api(): ConsoleApi;
}

/** Registers every handler; returns a function that removes them. */
export function registerConsoleIpc(deps: ConsoleIpcDeps): () => void {
  return registerIpcMethods<ConsoleApi>(deps, {
    methods: CONSOLE_API_METHODS,
    args: CONSOLE_API_ARGS,
    channel: consoleChannel,
    target: deps.api,
  });
}
