/**
 * Start-up under Node with Electron mocked at its boundary: silent mode (no UI at all, outcome in
 * the log file and exit code), single instance, install mode (autostart / login item, first run
 * only, updater gate), site binding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSOLE_API_METHODS } from '../../src-shared/console-api.js';
import { consoleLogFile, runConsoleApp, type ConsoleAppDeps, type UpdaterContext } from '../../src-main/app/console-app.js';
import { autostartFile } from '../../src-main/install/xdg-autostart.js';
import { APP_BASE_URL } from '../../src-main/security/sender-policy.js';
import { siteFromBridge } from '../../src-shared/console-bridge.js';
import { createSiteBridge } from '../../src-main/ipc/console-bridge-preload.js';
import { createIpcPair } from './support/fake-electron-ipc.js';
import { FakeSafeStorage } from './support/fake-safe-storage.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function harness(opts: { argv?: string[]; ini?: Record<string, string> | null; platform?: NodeJS.Platform; lock?: boolean; defaultApp?: boolean; encryptor?: FakeSafeStorage; readIni?: () => Promise<Record<string, string> | null>; home?: string; updatesExitCode?: number } = {}) {
  const home = opts.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'console-home-'));
  if (!opts.home) dirs.push(home);
  const userDataDir = path.join(home, 'userData');
  const uiCalls: string[] = [];
  // Every property access on `ui` is recorded, so "no UI call" cannot be dodged.
  const ui = new Proxy({} as ConsoleAppDeps['ui'], {
    get: (_t, prop) => () => {
      uiCalls.push(String(prop));
      if (prop === 'createWindow') return { focus: () => uiCalls.push('focus'), sendEvent: () => uiCalls.push('sendEvent') };
      return undefined;
    },
  });
  const exits: number[] = [];
  const loginItems: unknown[] = [];
  const secondInstance: (() => void)[] = [];
  const updaterStarts: UpdaterContext[] = [];
  let lockRequests = 0;
  const pair = createIpcPair({ url: `${APP_BASE_URL}index.html`, parent: null });
  const deps: ConsoleAppDeps = {
    argv: opts.argv ?? ['/opt/Support Console/support-console'],
    defaultApp: opts.defaultApp ?? false,
    platform: opts.platform ?? 'linux',
    execPath: '/opt/Support Console/support-console',
    productName: 'Support Technician Console',
    appVersion: '1.0.0',
    userDataDir,
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
      if (opts.updatesExitCode !== undefined) ctx.setExitCode(opts.updatesExitCode);
      return { dispose: () => undefined };
    },
    exit: (code) => exits.push(code),
  };
  const logText = () => fs.readFileSync(consoleLogFile(userDataDir), 'utf8');
  return { deps, home, userDataDir, uiCalls, exits, loginItems, secondInstance, updaterStarts, pair, logText, lockRequests: () => lockRequests };
}

describe('silent mode (--silent)', () => {
  it('applies the install configuration with no UI call at all; outcome in the log, exit 0', async () => {
    const h = harness({
      argv: ['/opt/Support Console/support-console', '--silent'],
      ini: { RUNATSTARTUP: '1', SHOULDAUTOUPDATE: '1', ALLUSERS: '', SITEURL: 'https://support.example.com' },
      encryptor: new FakeSafeStorage('basic_text'),
    });
    expect(await runConsoleApp(h.deps)).toBeNull();
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([0]);
    expect(h.lockRequests()).toBe(0);
    expect(h.pair.handlers.size).toBe(0); // no IPC, no window
    const log = h.logText();
    expect(log).toMatch(/silent setup done: site https:\/\/support\.example\.com, run at startup true, automatic update true, 0 problem\(s\); exit 0/);
    expect(log).toMatch(/basic_text/); // the keyring warning goes to the log only
    const entry = fs.readFileSync(autostartFile(h.deps.env, h.home), 'utf8');
    expect(entry).toContain('Exec="/opt/Support Console/support-console"');
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe('https://support.example.com');
  });

  it('invalid install values: still no UI, each problem and its outcome logged, exit 2', async () => {
    const h = harness({ argv: ['x', '--silent'], ini: { RUNATSTARTUP: 'yes', ALLUSERS: '1', SHOULDAUTOUPDATE: '1', SITEURL: 'http://support.example.com' } });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([2]);
    const log = h.logText();
    expect(log).toMatch(/RUNATSTARTUP=yes is not 0 or 1; starting with the computer stays off/);
    expect(log).toMatch(/SITEURL must use https:/);
    expect(log).toMatch(/all-users consoles never update automatically/);
    expect(log).toMatch(/exit 2/);
    expect(fs.existsSync(autostartFile(h.deps.env, h.home))).toBe(false);
  });

  it('a failure: no error box, the error in the log, exit 1', async () => {
    const h = harness({ argv: ['x', '--silent'], readIni: async () => { throw new Error('install folder unreadable'); } });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([1]);
    expect(h.logText()).toMatch(/start failed: Error: install folder unreadable/);
  });

  it('reads --silent in development too (electron <app> --silent, process.defaultApp)', async () => {
    const h = harness({ argv: ['/usr/bin/electron', '/src/console', '--silent', '--run-at-startup'], defaultApp: true });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([0]);
    // Started as `electron <app>`, the autostart entry must carry the app path.
    expect(fs.readFileSync(autostartFile(h.deps.env, h.home), 'utf8')).toContain('Exec="/opt/Support Console/support-console" /src/console');
  });
});

describe('interactive start', () => {
  it('a second instance exits without a window; the first is focused', async () => {
    const first = harness();
    const running = await runConsoleApp(first.deps);
    expect(running).not.toBeNull();
    expect(first.uiCalls).toEqual(['createWindow']);
    const second = harness({ lock: false, home: first.home });
    expect(await runConsoleApp(second.deps)).toBeNull();
    expect(second.uiCalls).toEqual([]);
    expect(second.exits).toEqual([0]);
    // Electron tells the first instance; it brings its window forward.
    for (const l of first.secondInstance) l();
    expect(first.uiCalls).toEqual(['createWindow', 'focus']);
    running!.dispose();
  });

  it('registers the IPC handlers and opens one window; basic_text is shown once', async () => {
    const h = harness({ encryptor: new FakeSafeStorage('basic_text') });
    const running = await runConsoleApp(h.deps);
    expect([...h.pair.handlers.keys()].sort()).toEqual([...CONSOLE_API_METHODS.map((m) => `console:${m}`), 'desktop:site:get', 'desktop:site:set'].sort());
    expect(h.uiCalls.filter((c) => c === 'createWindow')).toHaveLength(1);
    expect(h.uiCalls.filter((c) => c === 'showWarning')).toHaveLength(1);
    running!.dispose();
    expect(h.pair.handlers.size).toBe(0);
  });

  it('a start failure shows an error box and exits 1', async () => {
    const h = harness({ readIni: async () => { throw new Error('boom'); } });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual(['showErrorBox']);
    expect(h.exits).toEqual([1]);
  });
});

describe('install mode', () => {
  it.each([
    [{ SHOULDAUTOUPDATE: '1' }, true],
    [{ SHOULDAUTOUPDATE: '1', ALLUSERS: '' }, true],
    [{ SHOULDAUTOUPDATE: '1', ALLUSERS: '1' }, false],
    [{ SHOULDAUTOUPDATE: '0' }, false],
    [{}, false],
  ])('install config %j: automatic update %s', async (ini, active) => {
    const h = harness({ ini });
    const running = await runConsoleApp(h.deps);
    // The update service always starts (the update token is fetched at first login whatever the
    // options); it is told whether it may check for updates.
    expect(h.updaterStarts).toHaveLength(1);
    expect(h.updaterStarts[0]!.options.autoUpdate).toBe(active);
    expect(h.logText()).toMatch(active ? /updater active/ : /updater inactive/);
    running!.dispose();
  });

  it('the update service hears ConsoleApi errors (a 426 at login starts an update)', async () => {
    const h = harness({ ini: { SITEURL: 'http://127.0.0.1:9' } });
    const running = await runConsoleApp(h.deps);
    const errors: string[] = [];
    h.updaterStarts[0]!.onApiError((method, err) => errors.push(`${method}:${err.code}`));
    const { createConsoleBridge } = await import('../../src-main/ipc/console-bridge-preload.js');
    const result = await createConsoleBridge(h.pair.ipcRenderer).login({ username: 'a', password: 'b' });
    expect(result).toMatchObject({ ok: false, error: { code: 'network_error' } });
    expect(errors).toEqual(['login:network_error']);
    running!.dispose();
  });

  it('silent mode runs the update service and exits with its outcome (e.g. 1.1gws)', async () => {
    const h = harness({ argv: ['x', '--silent'], ini: { SHOULDAUTOUPDATE: '1' }, updatesExitCode: 31 });
    await runConsoleApp(h.deps);
    expect(h.updaterStarts).toHaveLength(1);
    expect(h.updaterStarts[0]!.silent).toBe(true);
    expect(h.exits).toEqual([31]);
    expect(h.uiCalls).toEqual([]);
  });

  it('Windows: login item with the executable; macOS: login item; Linux: none (autostart file instead)', async () => {
    const win = harness({ platform: 'win32', ini: { RUNATSTARTUP: '1' } });
    (await runConsoleApp(win.deps))!.dispose();
    expect(win.loginItems).toEqual([{ openAtLogin: true, path: '/opt/Support Console/support-console', args: [] }]);
    const mac = harness({ platform: 'darwin', ini: { RUNATSTARTUP: '0' } });
    (await runConsoleApp(mac.deps))!.dispose();
    expect(mac.loginItems).toEqual([{ openAtLogin: false }]);
    const linux = harness({ platform: 'linux', ini: { RUNATSTARTUP: '1' } });
    (await runConsoleApp(linux.deps))!.dispose();
    expect(linux.loginItems).toEqual([]);
    expect(fs.existsSync(autostartFile(linux.deps.env, linux.home))).toBe(true);
  });

  it('applies at first run and when the configuration changes, not at every start', async () => {
    const first = harness({ platform: 'win32', ini: { RUNATSTARTUP: '1' } });
    (await runConsoleApp(first.deps))!.dispose();
    const again = harness({ platform: 'win32', ini: { RUNATSTARTUP: '1' }, home: first.home });
    (await runConsoleApp(again.deps))!.dispose();
    expect(again.loginItems).toEqual([]); // the user may have turned it off since: not overruled
    const changed = harness({ platform: 'win32', ini: { RUNATSTARTUP: '0' }, home: first.home });
    (await runConsoleApp(changed.deps))!.dispose();
    expect(changed.loginItems).toEqual([{ openAtLogin: false, path: '/opt/Support Console/support-console', args: [] }]);
  });

  it('Linux: turning run-at-startup off removes the autostart entry', async () => {
    const on = harness({ ini: { RUNATSTARTUP: '1' } });
    (await runConsoleApp(on.deps))!.dispose();
    expect(fs.existsSync(autostartFile(on.deps.env, on.home))).toBe(true);
    const off = harness({ ini: { RUNATSTARTUP: '0' }, home: on.home });
    (await runConsoleApp(off.deps))!.dispose();
    expect(fs.existsSync(autostartFile(off.deps.env, off.home))).toBe(false);
  });
});

describe('first-run site entry (window.consoleSite)', () => {
  it('binds the site typed at first run (https or loopback http only); a new site ends the session', async () => {
    const h = harness();
    const running = (await runConsoleApp(h.deps))!;
    const site = siteFromBridge(createSiteBridge(h.pair.ipcRenderer));
    expect(await site.get()).toBeNull();
    await expect(site.set('http://support.example.com')).rejects.toMatchObject({ name: 'ApiError', code: 'insecure_site_url', status: 400 });
    expect(await site.get()).toBeNull();
    expect(await site.set('https://support.example.com/')).toBe('https://support.example.com');
    expect(running.site.get()).toBe('https://support.example.com');
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe('https://support.example.com');

    let ended = 0;
    running.session.onEnded(() => ended++);
    expect(await site.set('https://support.example.com')).toBe('https://support.example.com');
    expect(ended).toBe(0); // same site: nothing happens
    expect(await site.set('https://other.example.com')).toBe('https://other.example.com');
    expect(ended).toBe(1);

    expect(await h.pair.ipcRenderer.invoke('desktop:site:set', 42)).toMatchObject({ ok: false, error: { code: 'ipc_invalid_arguments' } });
    h.pair.frame.url = 'https://evil.example.com/';
    expect(await h.pair.ipcRenderer.invoke('desktop:site:set', 'https://evil.example.com')).toMatchObject({ ok: false, error: { code: 'ipc_sender_refused' } });
    expect(running.site.get()).toBe('https://other.example.com');
    running.dispose();
  });
});
