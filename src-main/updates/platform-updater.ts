/**
 * The electron-updater class for each feed platform, configured the way this console uses it: the
 * appliance's generic feed, the update token as a bearer header, our resumable executor, no
 * automatic download (the service downloads and reports errors itself), install at quit when not
 * installed at once, no differential or web installer downloads (the feed publishes no blockmaps:
 * every update is one verified full file: sha512, then the publisher's signature).
 */
import {
  AppImageUpdater,
  MacUpdater,
  NsisUpdater,
  type AppUpdater,
  type Logger,
  type ProgressInfo,
} from 'electron-updater';
import { type AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { type ConsolePlatform, updateFeedPath } from '../../src-shared/api/updates.js';
import { type ReleaseVerifier } from './release-verifier.js';
import { ResumableHttpExecutor } from './resumable-executor.js';

/** `app` is omitted in the Electron app (electron-updater then uses Electron's own app). */
export function createPlatformUpdater(platform: ConsolePlatform, app?: AppAdapter): AppUpdater {
  switch (platform) {
    case 'win':
      return new NsisUpdater(undefined, app);
    case 'mac':
      return new MacUpdater(undefined, app);
    case 'linux':
      return new AppImageUpdater(undefined, app);
  }
}

export interface UpdaterSetup {
  siteUrl: string;
  platform: ConsolePlatform;
  partialDir: string;
  logger: Logger;
  /** Checks the publisher's signature of each download before electron-updater gets it. */
  verifier: ReleaseVerifier;
  /** electron-updater's `download-progress` (the executor reports at most every `progressIntervalMs`). */
  onProgress(info: ProgressInfo): void;
  progressIntervalMs?: number;
  /** The progress meter's clock. */
  now?: () => number;
}

export function configureUpdater(updater: AppUpdater, setup: UpdaterSetup): AppUpdater {
  // The executor must be in place before setFeedURL: the provider captures it.
  (updater as unknown as { httpExecutor: ResumableHttpExecutor }).httpExecutor = new ResumableHttpExecutor({
    partialDir: setup.partialDir,
    verify: (file) => setup.verifier.verify(file),
    progressIntervalMs: setup.progressIntervalMs,
    now: setup.now,
  });
  updater.on('download-progress', setup.onProgress);
  updater.logger = setup.logger;
  updater.autoDownload = false;
  // Only a verified download registers the quit handler, so "install at quit" never meets a bad file.
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.disableDifferentialDownload = true;
  updater.disableWebInstaller = true;
  updater.setFeedURL({ provider: 'generic', url: `${setup.siteUrl}${updateFeedPath(setup.platform)}` });
  return updater;
}

export function setUpdateToken(updater: AppUpdater, token: string): void {
  updater.requestHeaders = { authorization: `Bearer ${token}` };
}
