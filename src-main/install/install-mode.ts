/**
 * Applies the install options at first run — and again whenever they change (a reinstall with
 * other MSI properties) — but not at every start, so a user who later turns "start with the
 * computer" off in the system settings is not overruled. What was applied is remembered in
 * `<userData>/install-state.json`.
 *   - run at startup: `app.setLoginItemSettings` on Windows and macOS, an XDG autostart entry on Linux;
 *   - the updater is active when `options.autoUpdate` (per-user install that asked for it).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type InstallOptions } from '../../src-shared/install-options.js';
import { autostartFile, desktopEntry, setXdgAutostart } from './xdg-autostart.js';

/** Electron's `app.setLoginItemSettings`, narrowed to what is set here. */
export type SetLoginItemSettings = (settings: { openAtLogin: boolean; path?: string; args?: string[] }) => void;

export interface InstallModeDeps {
  options: InstallOptions;
  platform: NodeJS.Platform;
  execPath: string;
  /** Extra arguments the console must be started with (the app path when run as `electron <app>`). */
  launchArgs: string[];
  productName: string;
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  homedir: string;
  setLoginItemSettings: SetLoginItemSettings;
  log: { info(msg: string): void };
}

export interface InstallModeResult {
  /** False when these options were already applied at an earlier start. */
  applied: boolean;
  updaterActive: boolean;
}

export const INSTALL_STATE_FILE = 'install-state.json';

function fingerprint(o: InstallOptions): string {
  return JSON.stringify({
    runAtStartup: o.runAtStartup,
    allUsers: o.allUsers,
    autoUpdate: o.autoUpdate,
    siteUrl: o.siteUrl,
  });
}

export async function applyInstallMode(deps: InstallModeDeps): Promise<InstallModeResult> {
  const { options } = deps;
  const stateFile = path.join(deps.userDataDir, INSTALL_STATE_FILE);
  const wanted = fingerprint(options);
  const previous = await fs.readFile(stateFile, 'utf8').then(
    (t) => (JSON.parse(t) as { fingerprint?: string }).fingerprint,
    () => undefined,
  );
  const updaterActive = options.autoUpdate;
  if (previous === wanted) return { applied: false, updaterActive };

  if (deps.platform === 'linux') {
    const file = autostartFile(deps.env, deps.homedir);
    await setXdgAutostart(
      file,
      options.runAtStartup,
      desktopEntry({ name: deps.productName, exec: deps.execPath, args: deps.launchArgs }),
    );
    deps.log.info(`install: autostart entry ${options.runAtStartup ? `written to ${file}` : 'removed'}`);
  } else if (deps.platform === 'win32') {
    deps.setLoginItemSettings({ openAtLogin: options.runAtStartup, path: deps.execPath, args: deps.launchArgs });
    deps.log.info(`install: login item ${options.runAtStartup ? 'on' : 'off'}`);
  } else {
    deps.setLoginItemSettings({ openAtLogin: options.runAtStartup });
    deps.log.info(`install: login item ${options.runAtStartup ? 'on' : 'off'}`);
  }
  deps.log.info(
    `install: automatic update ${updaterActive ? 'active' : 'inactive'} (requested ${options.autoUpdateRequested}, all users ${options.allUsers})`,
  );
  await fs.mkdir(deps.userDataDir, { recursive: true });
  await fs.writeFile(stateFile, JSON.stringify({ fingerprint: wanted, appliedAt: new Date().toISOString() }, null, 2));
  return { applied: true, updaterActive };
}
