/**
 * electron-updater reaches for Electron itself in one place we exercise: `quitAndInstall` emits
 * `before-quit-for-update` on `require("electron").autoUpdater` before it quits the app. Under Node
 * the `electron` package is only the binary's path (and no binary exists here), so that require is
 * answered with this stand-in: Electron mocked at its boundary, the rest of electron-updater real.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const electronAutoUpdater = new EventEmitter();

/** Puts the stand-in where Node's `require('electron')` (from electron-updater) finds it. */
export function installElectronModuleStub(): void {
  const file = require.resolve('electron');
  require.cache[file] = {
    id: file,
    filename: file,
    loaded: true,
    exports: { autoUpdater: electronAutoUpdater },
  } as unknown as NodeJS.Module;
}
