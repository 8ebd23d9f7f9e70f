/**
 * The sandboxed preload: exposes the console bridge (envelopes, see src-shared/console-bridge.ts)
 * on `window.consoleApi`, the first-run site entry on `window.consoleSite` and the software
 * update's controls on `window.consoleUpdates`, the uploads on `window.consoleUploads`. Never `ipcRenderer` itself. Built as one CommonJS
 * file (sandboxed preloads cannot load ES modules or other chunks).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CONSOLE_BRIDGE_KEY, SITE_BRIDGE_KEY } from '../../src-shared/console-bridge.js';
import { UPDATES_BRIDGE_KEY } from '../../src-shared/software-update.js';
import { UPLOADS_BRIDGE_KEY } from '../../src-shared/desktop-uploads.js';
import {
  createConsoleBridge,
  createSiteBridge,
  createUpdatesBridge,
  createUploadsBridge,
} from '../ipc/console-bridge-preload.js';

contextBridge.exposeInMainWorld(CONSOLE_BRIDGE_KEY, createConsoleBridge(ipcRenderer));
contextBridge.exposeInMainWorld(SITE_BRIDGE_KEY, createSiteBridge(ipcRenderer));
contextBridge.exposeInMainWorld(UPDATES_BRIDGE_KEY, createUpdatesBridge(ipcRenderer));
contextBridge.exposeInMainWorld(UPLOADS_BRIDGE_KEY, createUploadsBridge(ipcRenderer));
