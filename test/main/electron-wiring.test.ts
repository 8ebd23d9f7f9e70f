/* eslint-disable @typescript-eslint/no-explicit-any -- a hand-written stand-in for Electron's modules */
/**
 * The Electron wiring (src-main/electron/) with Electron mocked at its boundary (vi.mock: the real
 * package is never loaded): the app:// protocol with CSP, permission and navigation guards,
 * openExternal allow-list, sandbox, and main.ts starting the console with a hardened window and
 * every IPC handler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONSOLE_API_METHODS } from '../../src-shared/console-api.js';
import { UPDATE_CONTROL_METHODS } from '../../src-shared/software-update.js';

const E = vi.hoisted(() => {
  const calls: { name: string; args: unknown[] }[] = [];
  const listeners = new Map<string, ((...a: any[]) => void)[]>();
  const state = {
    userData: '',
    protocolHandler: null as null | ((req: { url: string }) => Promise<Response>),
    windows: [] as any[],
    readyResolve: null as null | (() => void),
    ipcHandlers: new Map<string, unknown>(),
  };
  return { calls, listeners, state };
});

vi.mock('electron', async () => {
  const os = await import('node:os');
  const nodeFs = await import('node:fs');
  const nodePath = await import('node:path');
  const { FakeSafeStorage } = await import('./support/fake-safe-storage.js');
  E.state.userData = nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'wiring-userdata-'));
  const rec =
    (name: string) =>
    (...args: unknown[]) => {
      E.calls.push({ name, args });
    };
  const on = (name: string, fn: (...a: any[]) => void) => {
    E.listeners.set(name, [...(E.listeners.get(name) ?? []), fn]);
  };
  const ready = new Promise<void>((r) => (E.state.readyResolve = r));
  class BrowserWindow {
    webContents = { send: rec('webContents.send'), getURL: () => 'app://console/index.html' };
    constructor(public options: any) {
      E.state.windows.push(this);
    }
    once = rec('win.once');
    loadURL = async (url: string) => E.calls.push({ name: 'win.loadURL', args: [url] });
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = rec('win.restore');
    show = rec('win.show');
    focus = rec('win.focus');
  }
  return {
    app: {
      isPackaged: true,
      enableSandbox: rec('app.enableSandbox'),
      whenReady: () => ready,
      on,
      getVersion: () => '1.0.0',
      getPath: (n: string) => (n === 'userData' ? E.state.userData : os.tmpdir()),
      getLocale: () => 'de-DE',
      requestSingleInstanceLock: () => true,
      setLoginItemSettings: rec('app.setLoginItemSettings'),
      exit: rec('app.exit'),
      quit: rec('app.quit'),
    },
    protocol: {
      registerSchemesAsPrivileged: rec('protocol.registerSchemesAsPrivileged'),
      handle: (scheme: string, handler: any) => {
        E.calls.push({ name: 'protocol.handle', args: [scheme] });
        E.state.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: rec('webRequest.onHeadersReceived') },
        setPermissionRequestHandler: (h: any) => E.calls.push({ name: 'setPermissionRequestHandler', args: [h] }),
        setPermissionCheckHandler: (h: any) => E.calls.push({ name: 'setPermissionCheckHandler', args: [h] }),
        setDevicePermissionHandler: (h: any) => E.calls.push({ name: 'setDevicePermissionHandler', args: [h] }),
      },
    },
    shell: { openExternal: async (url: string) => E.calls.push({ name: 'shell.openExternal', args: [url] }) },
    dialog: {
      showErrorBox: rec('dialog.showErrorBox'),
      showMessageBox: async (...a: unknown[]) => (
        E.calls.push({ name: 'dialog.showMessageBox', args: a }),
        { response: 1 }
      ),
    },
    ipcMain: {
      handle: (channel: string, fn: unknown) => E.state.ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => E.state.ipcHandlers.delete(channel),
    },
    net: { fetch: (...a: Parameters<typeof fetch>) => fetch(...a) },
    safeStorage: new FakeSafeStorage(),
    BrowserWindow,
  };
});

afterAll(() => fs.rmSync(E.state.userData, { recursive: true, force: true }));

const called = (name: string) => E.calls.filter((c) => c.name === name);
const readLog = () => {
  try {
    return fs.readFileSync(path.join(E.state.userData, 'logs/console.log'), 'utf8');
  } catch {
    return '';
  }
};

describe('src-main/electron wiring with Electron mocked', () => {
  it('main.ts: sandbox and app:// scheme before ready; hardened window on app://; every IPC handler', async () => {
    // As if started with --site= (the site binding decides what may open in the system browser),
    // with the autostart folder in a temporary place.
    const argv = process.argv;
    const xdg = process.env.XDG_CONFIG_HOME;
    process.argv = [...argv, '--site=https://support.example.com'];
    process.env.XDG_CONFIG_HOME = path.join(E.state.userData, 'xdg');
    try {
      await import('../../src-main/electron/main.js');
      expect(called('app.enableSandbox')).toHaveLength(1);
      expect(called('protocol.registerSchemesAsPrivileged')[0]!.args[0]).toEqual([
        { scheme: 'app', privileges: { standard: true, secure: true, corsEnabled: true } },
      ]);
      expect(E.state.windows).toHaveLength(0); // nothing before ready
      E.state.readyResolve!();
      const end = Date.now() + 10_000;
      while ((E.state.windows.length === 0 || !/updater/.test(readLog())) && Date.now() < end)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.argv = argv;
      if (xdg === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = xdg;
    }
    const win = E.state.windows[0];
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(win.options.webPreferences.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.options.show).toBe(false);
    expect(called('win.loadURL')[0]!.args).toEqual(['app://console/index.html']);
    for (const m of CONSOLE_API_METHODS) expect(E.state.ipcHandlers.has(`console:${m}`), m).toBe(true);
    expect(E.state.ipcHandlers.has('desktop:site:set')).toBe(true);
    for (const m of UPDATE_CONTROL_METHODS) expect(E.state.ipcHandlers.has(`desktop:updates:${m}`), m).toBe(true);
    expect(called('dialog.showErrorBox')).toHaveLength(0);
    // Certificate errors are never overridden: no handler that could accept a bad certificate.
    expect(E.listeners.has('certificate-error')).toBe(false);
    expect(readLog()).toMatch(/start Support Technician Console 1\.0\.0/);
    expect(readLog()).toMatch(/site binding: bound to https:\/\/support\.example\.com/);
  });

  it('permissions are denied, by request, check and device', () => {
    let granted: boolean | null = null;
    (called('setPermissionRequestHandler')[0]!.args[0] as any)({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect((called('setPermissionCheckHandler')[0]!.args[0] as any)({}, 'notifications')).toBe(false);
    expect((called('setDevicePermissionHandler')[0]!.args[0] as any)({})).toBe(false);
  });

  it('app:// serves the renderer folder with the CSP, and nothing outside it', async () => {
    const rendererDir = path.resolve(import.meta.dirname, '../../src-main/renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    try {
      fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
      const ok = await E.state.protocolHandler!({ url: 'app://console/index.html' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-security-policy')).toMatch(
        /default-src 'none'; script-src 'self';.*connect-src 'none'/,
      );
      expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
      expect(ok.headers.get('access-control-allow-origin')).toBeNull();
      expect(await ok.text()).toContain('<title>t</title>');
      expect((await E.state.protocolHandler!({ url: 'app://console/assets/..%2f..%2fpackage.json' })).status).toBe(404);
      expect((await E.state.protocolHandler!({ url: 'app://console/missing.js' })).status).toBe(404);
    } finally {
      fs.rmSync(rendererDir, { recursive: true, force: true });
    }
  });

  it('every web contents: navigation away, webviews and new windows are blocked; only site links open outside', async () => {
    const events = new Map<string, (...a: any[]) => void>();
    let openHandler: any = null;
    const contents = {
      on: (n: string, fn: any) => events.set(n, fn),
      setWindowOpenHandler: (fn: any) => (openHandler = fn),
    };
    for (const l of E.listeners.get('web-contents-created') ?? []) l({}, contents);
    const nav = (name: string, url: string, extra: object = {}) => {
      let prevented = false;
      events.get(name)!({ url, preventDefault: () => (prevented = true), ...extra });
      return prevented;
    };
    expect(nav('will-navigate', 'https://evil.example.com/')).toBe(true);
    expect(nav('will-navigate', 'app://console/index.html#/account')).toBe(false);
    expect(nav('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    expect(nav('will-frame-navigate', 'https://evil.example.com/', { isMainFrame: false })).toBe(true);
    let webview = false;
    events.get('will-attach-webview')!({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
    expect(openHandler({ url: 'https://evil.example.com/' })).toEqual({ action: 'deny' });
    expect(called('shell.openExternal')).toHaveLength(0);
    expect(openHandler({ url: 'https://support.example.com/console/#/downloads' })).toEqual({ action: 'deny' });
    expect(called('shell.openExternal').map((c) => c.args[0])).toEqual([
      'https://support.example.com/console/#/downloads',
    ]);
  });

  it("a change of the bound site asks with Electron's dialog (German from the locale, Keep the default); declined keeps it", async () => {
    const set = E.state.ipcHandlers.get('desktop:site:set') as (e: unknown, ...a: unknown[]) => Promise<unknown>;
    const before = called('dialog.showMessageBox').length;
    const result = await set(
      { senderFrame: { url: 'app://console/index.html', parent: null } },
      'https://other.example.com',
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'site_change_refused' } });
    const asked = called('dialog.showMessageBox').slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.args[0]).toMatchObject({
      type: 'question',
      title: 'Support-Website wechseln?',
      buttons: ['Website wechseln', 'Aktuelle Website behalten'],
      defaultId: 1,
      cancelId: 1,
    });
    expect((asked[0]!.args[0] as { message: string }).message).toMatch(
      /https:\/\/support\.example\.com[\s\S]*https:\/\/other\.example\.com/,
    );
    expect(readLog()).toMatch(/\(console\) declined by the technician/);
  });
});
