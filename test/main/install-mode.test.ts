/**
 * Install mode through the real start-up (Electron mocked at its boundary): login item / XDG
 * autostart per platform, first run only, the update service's gate and hooks, and the first-run
 * site entry (`window.consoleSite`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { siteFromBridge } from '../../src-shared/console-bridge.js';
import { runConsoleApp } from '../../src-main/app/console-app.js';
import { createSiteBridge } from '../../src-main/ipc/console-bridge-preload.js';
import { autostartFile } from '../../src-main/install/xdg-autostart.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';

afterEach(cleanupHarnesses);

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
    expect(changed.loginItems).toEqual([
      { openAtLogin: false, path: '/opt/Support Console/support-console', args: [] },
    ]);
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
  it('binds the site typed at first run (https or loopback http only); a confirmed new site ends the session', async () => {
    const h = harness({ confirm: true });
    const running = (await runConsoleApp(h.deps))!;
    const site = siteFromBridge(createSiteBridge(h.pair.ipcRenderer));
    expect(await site.get()).toBeNull();
    await expect(site.set('http://support.example.com')).rejects.toMatchObject({
      name: 'ApiError',
      code: 'insecure_site_url',
      status: 400,
    });
    expect(await site.get()).toBeNull();
    expect(await site.set('https://support.example.com/')).toBe('https://support.example.com');
    expect(running.site.get()).toBe('https://support.example.com');
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe(
      'https://support.example.com',
    );

    let ended = 0;
    running.session.onEnded(() => ended++);
    expect(await site.set('https://support.example.com')).toBe('https://support.example.com');
    expect(ended).toBe(0); // same site: nothing happens
    expect(await site.set('https://other.example.com')).toBe('https://other.example.com');
    expect(ended).toBe(1);

    expect(await h.pair.ipcRenderer.invoke('desktop:site:set', 42)).toMatchObject({
      ok: false,
      error: { code: 'ipc_invalid_arguments' },
    });
    h.pair.frame.url = 'https://evil.example.com/';
    expect(await h.pair.ipcRenderer.invoke('desktop:site:set', 'https://evil.example.com')).toMatchObject({
      ok: false,
      error: { code: 'ipc_sender_refused' },
    });
    expect(running.site.get()).toBe('https://other.example.com');
    running.dispose();
  });
});
