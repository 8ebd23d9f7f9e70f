/**
 * The sandboxed preload: exposes the console bridge (envelopes, see src-shared/console-bridge.ts)
 * on `window.consoleApi`, and the first-run site entry on `window.consoleSite`. Never `ipcRenderer` itself. Built as one CommonJS file (sandboxed
 * preloads cannot load ES modules or other chunks).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CONSOLE_BRIDGE_KEY, SITE_BRIDGE_KEY } from '../../src-shared/console-bridge.js';
import { createConsoleBridge, createSiteBridge } from '../ipc/console-bridge-preload.js';

contextBridge.exposeInMainWorld(CONSOLE_BRIDGE_KEY, createConsoleBridge(ipcRenderer));
contextBridge.exposeInMainWorld(SITE_BRIDGE_KEY, createSiteBridge(ipcRenderer));
