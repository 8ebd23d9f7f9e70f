/**
 * The desktop console's main-process stack as the app wires it, minus Electron: the fake IPC pair,
 * the file secret store over a fake safeStorage, the console session (HTTP to the real appliance),
 * the IPC handlers, the preload bridge and the renderer's host over it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostFromBridge } from '../../../src-shared/console-bridge.js';
import { registerConsoleIpc } from '../../../src-main/ipc/console-ipc.js';
import { createConsoleBridge, type IpcRendererLike } from '../../../src-main/ipc/console-bridge-preload.js';
import { createConsoleSession } from '../../../src-main/session/console-session.js';
import { createDownloadSaver } from '../../../src-main/downloads/download-saver.js';
import { createFileSecretStore } from '../../../src-main/storage/secret-store.js';
import { APP_BASE_URL, isTrustedSender } from '../../../src-main/security/sender-policy.js';
import { createIpcPair } from './fake-electron-ipc.js';
import { FakeSafeStorage, recordingLog } from './fake-safe-storage.js';

export async function startDesktop(
  siteUrl: string,
  opts: {
    frameUrl?: string;
    appVersion?: string;
    fetch?: typeof fetch;
    /** The system browser: gets what main's `shell.openExternal` would open. */
    openExternal?: (url: string) => Promise<void>;
  } = {},
) {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'desktop-'));
  const log = recordingLog();
  const pair = createIpcPair({ url: opts.frameUrl ?? `${APP_BASE_URL}index.html`, parent: null });
  const secrets = createFileSecretStore({
    userDataDir: userData,
    encryptor: new FakeSafeStorage(),
    platform: 'linux',
    log,
  });
  const downloadsDir = path.join(userData, 'Downloads');
  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const opened: string[] = [];
  const focused: number[] = [];
  const saveFile = createDownloadSaver({ fetch: fetchImpl, downloadsDir: () => downloadsDir });
  const session = createConsoleSession({
    siteUrl: () => siteUrl,
    secrets,
    fetch: fetchImpl,
    appVersion: opts.appVersion ?? '1.0.0',
    saveFile,
    openExternal: async (url) => {
      opened.push(url);
      await opts.openExternal?.(url);
    },
    focusWindow: () => void focused.push(Date.now()),
    log,
  });
  await session.initialize();
  const unregister = registerConsoleIpc({
    ipcMain: pair.ipcMain,
    isTrustedSender: (frame) => isTrustedSender(frame, [APP_BASE_URL]),
    api: () => session.api(),
    log,
  });
  // Everything that reaches the renderer, to prove the token never does.
  const seenByRenderer: string[] = [];
  /** Channels that have answered `ok: true` at least once. */
  const succeeded = new Set<string>();
  const renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const result = await pair.ipcRenderer.invoke(channel, ...args);
      seenByRenderer.push(JSON.stringify(result));
      if ((result as { ok?: boolean }).ok === true) succeeded.add(channel);
      return result;
    },
    on: (c, l) => pair.ipcRenderer.on(c, l),
    removeListener: (c, l) => pair.ipcRenderer.removeListener(c, l),
  };
  const bridge = createConsoleBridge(renderer);
  const host = hostFromBridge(bridge);
  return {
    userData,
    downloadsDir,
    log,
    pair,
    secrets,
    session,
    bridge,
    host,
    seenByRenderer,
    succeeded,
    /** URLs main opened in the system browser; times it brought the window to the front. */
    opened,
    focused,
    unregister,
    cleanup: () => fs.rmSync(userData, { recursive: true, force: true }),
  };
}
