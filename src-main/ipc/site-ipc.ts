/**
 * Main side of the first-run site entry (`window.consoleSite`): the same sender check as the
 * ConsoleApi handlers, a runtime check of the argument, and the site binding's own URL rule.
 */
import { errorResult, okResult, SITE_CHANNELS } from '../../src-shared/console-bridge.js';
import { ApiError } from '../../src-shared/errors.js';
import { type SiteBinding } from '../install/site-binding.js';
import { type SenderFrameLike } from '../security/sender-policy.js';
import { type IpcMainLike } from './console-ipc.js';

export function registerSiteIpc(deps: {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrameLike | null): boolean;
  site: SiteBinding;
  log: { warn(msg: string): void };
}): () => void {
  const refused = () => errorResult(new ApiError(403, 'ipc_sender_refused', 'This page may not use the console API.'));
  deps.ipcMain.handle(SITE_CHANNELS.get, async (event, ...args) => {
    if (!deps.isTrustedSender(event.senderFrame)) return refused();
    if (args.length !== 0)
      return errorResult(new ApiError(400, 'ipc_invalid_arguments', 'Invalid arguments: takes no argument'));
    return okResult(deps.site.get());
  });
  deps.ipcMain.handle(SITE_CHANNELS.set, async (event, ...args) => {
    if (!deps.isTrustedSender(event.senderFrame)) {
      deps.log.warn(`ipc: refused ${SITE_CHANNELS.set} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return refused();
    }
    const [url] = args;
    if (args.length !== 1 || typeof url !== 'string' || url.length > 2048) {
      return errorResult(new ApiError(400, 'ipc_invalid_arguments', 'Invalid arguments: one URL string'));
    }
    try {
      return okResult(await deps.site.set(url));
    } catch (err) {
      return errorResult(err);
    }
  });
  return () => {
    deps.ipcMain.removeHandler(SITE_CHANNELS.get);
    deps.ipcMain.removeHandler(SITE_CHANNELS.set);
  };
}
