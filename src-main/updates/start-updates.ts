/**
 * Starts the software-update service for a running console (`runConsoleApp`'s `startUpdates`):
 * bound to the site, pinned to IT's release keys or the built-in ones, its status sent to the
 * console window (`update.status`), dialogs only for the times no window exists, the download page
 * opened only on the bound site; checks on `site.updated` and on a sign-in refused with 426.
 * Electron's pieces (the platform's updater, the dialogs, `shell.openExternal`) come in as
 * `UpdatesPlatform` (src-main/electron/updates-wiring.ts), so all of this runs under Node in tests.
 */
import { type ConsolePlatform } from '../../src-shared/api/updates.js';
import { SIGN_IN_METHODS } from '../../src-shared/console-api.js';
import { BUILT_IN_RELEASE_KEYS } from '../../src-shared/release-keys.js';
import { type AppUpdater } from 'electron-updater';
import { type RunningUpdates, type UpdaterContext } from '../app/console-app.js';
import { isAllowedExternalUrl } from '../security/navigation-policy.js';
import { initialize, type UpdateUi, type UpdatesDeps } from './updates.js';

export interface UpdatesPlatform extends Pick<UpdateUi, 'showNotice' | 'askRestart'> {
  platform: ConsolePlatform;
  createUpdater(): AppUpdater;
  /** Where partial downloads wait to be resumed (`<userData>/update-partial`). */
  partialDir: string;
  /** `shell.openExternal` (only ever called with a URL on the bound site). */
  openExternal(url: string): Promise<void>;
  /** Retry delays, clock and progress interval (tests). */
  tuning?: Pick<UpdatesDeps, 'retryDelaysMs' | 'schedule' | 'now' | 'progressIntervalMs'>;
}

export async function startUpdates(ctx: UpdaterContext, p: UpdatesPlatform): Promise<RunningUpdates | null> {
  const siteUrl = ctx.site.get();
  if (!siteUrl) {
    ctx.log.warn('software update: no site bound yet; the update service starts with the next start');
    return null;
  }
  const updates = initialize({
    siteUrl,
    platform: p.platform,
    installOptions: ctx.options,
    releaseKeys: ctx.options.releaseKeys ?? BUILT_IN_RELEASE_KEYS,
    secrets: ctx.secrets,
    session: ctx.session,
    fetch: ctx.fetch,
    createUpdater: p.createUpdater,
    partialDir: p.partialDir,
    language: ctx.language,
    ui: {
      hasWindow: ctx.hasWindow,
      showStatus: (status) => ctx.sendToWindow({ type: 'update.status', data: status }),
      showNotice: (notice) => p.showNotice(notice),
      askRestart: (prompt) => p.askRestart(prompt),
      async openExternal(url) {
        if (isAllowedExternalUrl(url, ctx.site.get())) await p.openExternal(url);
      },
    },
    log: ctx.log,
    setExitCode: ctx.setExitCode,
    ...p.tuning,
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
    controls: updates.controls,
    dispose() {
      offEvents();
      offErrors();
      updates.dispose();
    },
  };
}
