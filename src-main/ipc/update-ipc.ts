/**
 * Main side of the software update's controls (`window.consoleUpdates`): the same handler path as
 * the ConsoleApi (sender check, UPDATE_CONTROL_ARGS, envelope). The target is the running update
 * service's controls, or, when none runs (no site bound yet), controls with nothing to do.
 */
import {
  IDLE_UPDATE_STATUS,
  UPDATE_CONTROL_ARGS,
  UPDATE_CONTROL_METHODS,
  updatesChannel,
  type UpdateControls,
} from '../../src-shared/software-update.js';
import { ApiError } from '../../src-shared/errors.js';
import { registerIpcMethods, type IpcMethodsDeps } from './ipc-methods.js';

const notReady = () => Promise.reject(new ApiError(409, 'update_not_ready', 'No update is waiting to be installed.'));

/** What the window may ask while no update service runs. */
export const IDLE_UPDATE_CONTROLS: UpdateControls = {
  status: async () => IDLE_UPDATE_STATUS,
  restartNow: notReady,
  later: notReady,
  retryNow: async () => undefined,
  openDownloadPage: async () => undefined,
};

export function registerUpdateIpc(deps: IpcMethodsDeps & { controls(): UpdateControls | null }): () => void {
  return registerIpcMethods<UpdateControls>(deps, {
    methods: UPDATE_CONTROL_METHODS,
    args: UPDATE_CONTROL_ARGS,
    channel: updatesChannel,
    target: () => deps.controls() ?? IDLE_UPDATE_CONTROLS,
  });
}
