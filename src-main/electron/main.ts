/**
 * Electron main entry: adapts Electron's modules to `runConsoleApp`'s dependencies. All decisions
 * live outside this folder (tested under Node); this file only wires them.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, net, safeStorage, shell } from 'electron';
import { runConsoleApp, type RunningConsole } from '../app/console-app.js';
import { consoleLanguage } from '../app/language.js';
import { installConfigDir, readInstallConfig } from '../install/install-config.js';
import { APP_BASE_URL } from '../security/sender-policy.js';
import { createConsoleWindow } from './window.js';
import { hardenSession, registerAppScheme } from './hardening.js';
import { startElectronUpdates } from './updates-wiring.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const devServerUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;
const appLocations = devServerUrl ? [APP_BASE_URL, devServerUrl] : [APP_BASE_URL];
const defaultApp = process.defaultApp === true;
const productName = 'Support Technician Console';

registerAppScheme();
app.enableSandbox();

let running: RunningConsole | null = null;

void app.whenReady().then(async () => {
  hardenSession({ rendererDir, devServerUrl, appLocations, siteUrl: () => running?.site.get() ?? null });
  running = await runConsoleApp({
    argv: process.argv,
    defaultApp,
    platform: process.platform,
    execPath: process.execPath,
    productName,
    appVersion: app.getVersion(),
    language: () => consoleLanguage(app.getLocale()),
    userDataDir: app.getPath('userData'),
    downloadsDir: app.getPath('downloads'),
    env: process.env,
    homedir: os.homedir(),
    readInstallConfig: (log) => readInstallConfig(installConfigDir(process.execPath, defaultApp), log),
    requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
    onSecondInstance: (listener) => app.on('second-instance', () => listener()),
    setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
    encryptor: safeStorage,
    fetch: ((input: string | Request, init?: RequestInit) => net.fetch(input, init)) as typeof globalThis.fetch,
    ipcMain,
    appLocations,
    ui: {
      createWindow: () =>
        createConsoleWindow({
          preloadPath,
          startUrl: devServerUrl ?? `${APP_BASE_URL}index.html`,
          title: productName,
          appLocations,
        }),
      showErrorBox: (title, message) => dialog.showErrorBox(title, message),
      showWarning: (message) => void dialog.showMessageBox({ type: 'warning', title: productName, message }),
      async confirm(prompt) {
        const { response } = await dialog.showMessageBox({
          type: 'question',
          title: prompt.title,
          message: prompt.message,
          detail: prompt.detail,
          buttons: [prompt.confirmButton, prompt.cancelButton],
          defaultId: 1,
          cancelId: 1,
          noLink: true,
        });
        return response === 0;
      },
      openExternal: (url) => shell.openExternal(url),
      async chooseFile() {
        const { canceled, filePaths } = await dialog.showOpenDialog({ properties: ['openFile'] });
        return canceled ? null : (filePaths[0] ?? null);
      },
    },
    startUpdates: startElectronUpdates,
    exit: (code) => app.exit(code),
    echo: defaultApp ? (line) => console.log(line) : undefined,
  });
});

app.on('window-all-closed', () => {
  running?.dispose();
  app.quit();
});
