/**
 * The software-update service (src-main/updates/start-updates.ts) with Electron's pieces: the
 * platform's electron-updater on Electron's own `app`, `dialog` for the times no console window
 * exists, and `shell.openExternal` for the download page.
 */
import path from 'node:path';
import { app, dialog, shell } from 'electron';
import { type ConsolePlatform } from '../../src-shared/api/updates.js';
import { type RunningUpdates, type UpdaterContext } from '../app/console-app.js';
import { createPlatformUpdater } from '../updates/platform-updater.js';
import { startUpdates } from '../updates/start-updates.js';

function consolePlatform(): ConsolePlatform {
  return process.platform === 'win32' ? 'win' : process.platform === 'darwin' ? 'mac' : 'linux';
}

export function startElectronUpdates(ctx: UpdaterContext): Promise<RunningUpdates | null> {
  const platform = consolePlatform();
  return startUpdates(ctx, {
    platform,
    createUpdater: () => createPlatformUpdater(platform),
    partialDir: path.join(app.getPath('userData'), 'update-partial'),
    async showNotice(notice) {
      const { response } = await dialog.showMessageBox({
        type: 'warning',
        title: notice.title,
        message: notice.message,
        buttons: [notice.downloadButton, notice.closeButton],
        defaultId: 0,
        cancelId: 1,
      });
      return response === 0 ? 'download' : 'close';
    },
    async askRestart(prompt) {
      const { response } = await dialog.showMessageBox({
        type: 'info',
        title: prompt.title,
        message: prompt.message,
        detail: prompt.detail,
        buttons: [prompt.restartButton, prompt.laterButton],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
    openExternal: (url) => shell.openExternal(url),
  });
}
