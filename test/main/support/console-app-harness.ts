/**
 * `runConsoleApp` with every Electron dependency replaced by a recorder: a Proxy `ui` that logs
 * every call (so "no UI call" cannot be dodged), login items, exits, single-instance lock, the
 * fake IPC pair and fake safeStorage. Homes are temp folders; `cleanupHarnesses()` removes them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONSOLE_EVENT_CHANNEL } from '../../../src-shared/console-api.js';
import { consoleLogFile, type ConsoleAppDeps, type UpdaterContext } from '../../../src-main/app/console-app.js';
import { type ConfirmPrompt } from '../../../src-main/install/site-change-prompt.js';
import { APP_BASE_URL } from '../../../src-main/security/sender-policy.js';
import { createIpcPair } from './fake-electron-ipc.js';
import { FakeSafeStorage } from './fake-safe-storage.js';

const dirs: string[] = [];
/** Removes the homes made by harness(); call from afterEach. */
export function cleanupHarnesses(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function harness(
  opts: {
    argv?: string[];
    ini?: Record<string, string> | null;
    platform?: NodeJS.Platform;
    lock?: boolean;
    defaultApp?: boolean;
    encryptor?: FakeSafeStorage;
    readIni?: () => Promise<Record<string, string> | null>;
    home?: string;
    updatesExitCode?: number;
    /** The technician's answer to `ui.confirm` (a site change); recorded in `confirms`. */
    confirm?: boolean | ((prompt: ConfirmPrompt) => Promise<boolean>);
    language?: 'de' | 'en';
    /** What main's open dialog answers (`ui.chooseFile`: a path, or null for cancel). */
    chooseFile?: () => Promise<string | null>;
    /** The update service (default: a stand-in that only records its context). */
    startUpdates?: ConsoleAppDeps['startUpdates'];
  } = {},
) {
  const home = opts.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'console-home-'));
  if (!opts.home) dirs.push(home);
  const userDataDir = path.join(home, 'userData');
  const uiCalls: string[] = [];
  const confirms: ConfirmPrompt[] = [];
  const pair = createIpcPair({ url: `${APP_BASE_URL}index.html`, parent: null });
  // Every property access on `ui` is recorded, so "no UI call" cannot be dodged.
  const ui = new Proxy({} as ConsoleAppDeps['ui'], {
    get:
      (_t, prop) =>
      (...args: unknown[]) => {
        uiCalls.push(String(prop));
        if (prop === 'createWindow')
          return {
            focus: () => uiCalls.push('focus'),
            // As the BrowserWindow does: webContents.send on the event channel, to the preload.
            sendEvent: (event: unknown) => {
              uiCalls.push('sendEvent');
              pair.send(CONSOLE_EVENT_CHANNEL, event);
            },
          };
        if (prop === 'chooseFile') return opts.chooseFile ? opts.chooseFile() : Promise.resolve(null);
        if (prop === 'confirm') {
          confirms.push(args[0] as ConfirmPrompt);
          return typeof opts.confirm === 'function'
            ? opts.confirm(args[0] as ConfirmPrompt)
            : Promise.resolve(opts.confirm ?? false);
        }
        return undefined;
      },
  });
  const exits: number[] = [];
  const loginItems: unknown[] = [];
  const secondInstance: (() => void)[] = [];
  const updaterStarts: UpdaterContext[] = [];
  let lockRequests = 0;
  const deps: ConsoleAppDeps = {
    argv: opts.argv ?? ['/opt/Support Console/support-console'],
    defaultApp: opts.defaultApp ?? false,
    platform: opts.platform ?? 'linux',
    execPath: '/opt/Support Console/support-console',
    productName: 'Support Technician Console',
    appVersion: '1.0.0',
    language: () => opts.language ?? 'en',
    userDataDir,
    downloadsDir: path.join(home, 'Downloads'),
    env: { XDG_CONFIG_HOME: path.join(home, 'config') },
    homedir: home,
    readInstallConfig: opts.readIni ?? (async () => opts.ini ?? null),
    requestSingleInstanceLock: () => {
      lockRequests++;
      return opts.lock ?? true;
    },
    onSecondInstance: (l) => secondInstance.push(l),
    setLoginItemSettings: (s) => loginItems.push(s),
    encryptor: opts.encryptor ?? new FakeSafeStorage(),
    fetch: globalThis.fetch,
    ipcMain: pair.ipcMain,
    appLocations: [APP_BASE_URL],
    ui,
    startUpdates: async (ctx) => {
      updaterStarts.push(ctx);
      if (opts.startUpdates) return opts.startUpdates(ctx);
      if (opts.updatesExitCode !== undefined) ctx.setExitCode(opts.updatesExitCode);
      return { dispose: () => undefined };
    },
    exit: (code) => exits.push(code),
  };
  const logText = () => fs.readFileSync(consoleLogFile(userDataDir), 'utf8');
  return {
    deps,
    home,
    userDataDir,
    uiCalls,
    confirms,
    exits,
    loginItems,
    secondInstance,
    updaterStarts,
    pair,
    logText,
    lockRequests: () => lockRequests,
  };
}
