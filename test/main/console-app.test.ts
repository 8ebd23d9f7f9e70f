/**
 * Start-up under Node with Electron mocked at its boundary: silent mode (no UI at all, outcome in
 * the log file and exit code) and the interactive start (single instance, window, IPC, warnings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSOLE_API_METHODS } from '../../src-shared/console-api.js';
import { UPDATE_CONTROL_METHODS } from '../../src-shared/software-update.js';
import { DESKTOP_UPLOAD_METHODS } from '../../src-shared/desktop-uploads.js';
import { runConsoleApp } from '../../src-main/app/console-app.js';
import { autostartFile } from '../../src-main/install/xdg-autostart.js';
import { cleanupHarnesses, harness } from './support/console-app-harness.js';
import { FakeSafeStorage } from './support/fake-safe-storage.js';

afterEach(cleanupHarnesses);

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
    expect(log).toMatch(
      /silent setup done: site https:\/\/support\.example\.com, run at startup true, automatic update true, 0 problem\(s\); exit 0/,
    );
    expect(log).toMatch(/basic_text/); // the keyring warning goes to the log only
    const entry = fs.readFileSync(autostartFile(h.deps.env, h.home), 'utf8');
    expect(entry).toContain('Exec="/opt/Support Console/support-console"');
    expect(JSON.parse(fs.readFileSync(path.join(h.userDataDir, 'site.json'), 'utf8')).url).toBe(
      'https://support.example.com',
    );
  });

  it('invalid install values: still no UI, each problem and its outcome logged, exit 2', async () => {
    const h = harness({
      argv: ['x', '--silent'],
      ini: { RUNATSTARTUP: 'yes', ALLUSERS: '1', SHOULDAUTOUPDATE: '1', SITEURL: 'http://support.example.com' },
    });
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
    const h = harness({
      argv: ['x', '--silent'],
      readIni: async () => {
        throw new Error('install folder unreadable');
      },
    });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([1]);
    expect(h.logText()).toMatch(/start failed: Error: install folder unreadable/);
  });

  it('reads --silent in development too (electron <app> --silent, process.defaultApp)', async () => {
    const h = harness({
      argv: ['/usr/bin/electron', '/src/console', '--silent', '--run-at-startup'],
      defaultApp: true,
    });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual([]);
    expect(h.exits).toEqual([0]);
    // Started as `electron <app>`, the autostart entry must carry the app path.
    expect(fs.readFileSync(autostartFile(h.deps.env, h.home), 'utf8')).toContain(
      'Exec="/opt/Support Console/support-console" /src/console',
    );
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
    expect([...h.pair.handlers.keys()].sort()).toEqual(
      [
        ...CONSOLE_API_METHODS.map((m) => `console:${m}`),
        'desktop:site:get',
        'desktop:site:set',
        ...UPDATE_CONTROL_METHODS.map((m) => `desktop:updates:${m}`),
        ...DESKTOP_UPLOAD_METHODS.map((m) => `desktop:uploads:${m}`),
      ].sort(),
    );
    expect(h.uiCalls.filter((c) => c === 'createWindow')).toHaveLength(1);
    expect(h.uiCalls.filter((c) => c === 'showWarning')).toHaveLength(1);
    running!.dispose();
    expect(h.pair.handlers.size).toBe(0);
  });

  it('a start failure shows an error box and exits 1', async () => {
    const h = harness({
      readIni: async () => {
        throw new Error('boom');
      },
    });
    await runConsoleApp(h.deps);
    expect(h.uiCalls).toEqual(['showErrorBox']);
    expect(h.exits).toEqual([1]);
  });
});
