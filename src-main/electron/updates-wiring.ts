/**
 * Starts the software-update service (src-main/updates/) with Electron's pieces: the
 * platform's electron-updater on Electron's own `app`, dialogs for its notices, openExternal for
 * the download page (bound site only), and the console's language from the system locale.
 */
import { SIGN_IN_METHODS } from '../../src-shared/console-api.js';
import path from 'node:path';
import { app, dialog, shell } from 'electron';
import { type ConsolePlatform } from '../../src-shared/api/updates.js';
import { BUILT_IN_RELEASE_KEYS } from '../../src-shared/release-keys.js';
import { type RunningUpdates, type UpdaterContext } from '../app/console-app.js';
import { isAllowedExternalUrl } from '../security/navigation-policy.js';
import { createPlatformUpdater } from '../updates/platform-updater.js';
import { initialize } from '../updates/updates.js';

function consolePlatform(): ConsolePlatform {
  return process.platform === 'win32' ? 'win' : process.platform === 'darwin' ? 'mac' : 'linux';
}

export async function startElectronUpdates(ctx: UpdaterContext): Promise<RunningUpdates | null> {
  const siteUrl = ctx.site.get();
  if (!siteUrl) {
    ctx.log.warn('software update: no site bound yet; the update service starts with the next start');
    return null;
  }
  const platform = consolePlatform();
  const updates = initialize({
    siteUrl,
    platform,
    installOptions: ctx.options,
    releaseKeys: ctx.options.releaseKeys ?? BUILT_IN_RELEASE_KEYS,
    secrets: ctx.secrets,
    session: ctx.session,
    fetch: ctx.fetch,
    createUpdater: () => createPlatformUpdater(platform),
    partialDir: path.join(app.getPath('userData'), 'update-partial'),
    language: ctx.language,
    ui: {
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
      async openExternal(url) {
        if (isAllowedExternalUrl(url, ctx.site.get())) await shell.openExternal(url);
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
    },
    log: ctx.log,
    setExitCode: ctx.setExitCode,
  });
  const offEvents = ctx.onLiveEvent((event) => {
    if (event.type === 'site.updated') void updates.onSiteUpdated();
  });
  const offErrors = ctx.onApiError((method, err) => {
    if (SIGN_IN_METHODS.includes(method)) void updates.handleLoginError(err);
  });
  if (ctx.silent) await updates.start();
  else void updates.start();
  return {
    dispose() {
      offEvents();
      offErrors();
      updates.dispose();
    },
  };
}
