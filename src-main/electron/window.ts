/** The console window: hardened webPreferences, shown when ready, events only to the app's own page. */
import { BrowserWindow } from 'electron';
import { CONSOLE_EVENT_CHANNEL } from '../../src-shared/console-api.js';
import { type ConsoleWindow } from '../app/console-app.js';
import { isAppUrl, type AppLocations } from '../security/sender-policy.js';
import { secureWebPreferences } from '../security/web-preferences.js';

export function createConsoleWindow(opts: {
  preloadPath: string;
  startUrl: string;
  title: string;
  appLocations: AppLocations;
}): ConsoleWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: opts.title,
    webPreferences: secureWebPreferences(opts.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.startUrl);
  return {
    focus() {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    sendEvent(event) {
      if (win.isDestroyed() || !isAppUrl(win.webContents.getURL(), opts.appLocations)) return;
      win.webContents.send(CONSOLE_EVENT_CHANNEL, event);
    },
  };
}
