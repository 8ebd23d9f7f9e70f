/**
 * Main side of the desktop console's uploads (`window.consoleUploads`): the same handler path as
 * the ConsoleApi (sender check, DESKTOP_UPLOAD_ARGS, envelope), served by main's uploads.
 */
import {
  DESKTOP_UPLOAD_ARGS,
  DESKTOP_UPLOAD_METHODS,
  uploadsChannel,
  type DesktopUploads,
} from '../../src-shared/desktop-uploads.js';
import { registerIpcMethods, type IpcMethodsDeps } from './ipc-methods.js';

export function registerUploadIpc(deps: IpcMethodsDeps & { uploads: DesktopUploads }): () => void {
  return registerIpcMethods<DesktopUploads>(deps, {
    methods: DESKTOP_UPLOAD_METHODS,
    args: DESKTOP_UPLOAD_ARGS,
    channel: uploadsChannel,
    target: () => deps.uploads,
  });
}
