/* eslint-disable @typescript-eslint/no-explicit-any -- page-side code reads untyped globals */
/**
 * End to end with Playwright's `_electron.launch`: the built console against the real appliance.
 * Runs only where an Electron binary exists; here (no binary, no download allowed) it is skipped
 * and says why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary, GET_ELECTRON_HELP } from '../../scripts/electron-binary.js';
import { startTestAppliance, type TestAppliance } from '../support/appliance.js';
import { adminToken, createUser } from '../support/api-client.js';

const root = path.resolve(import.meta.dirname, '../..');
const binary = findElectronBinary(root);
if (!binary.found) {
  console.log(`[skipped] Electron end-to-end test: ${binary.reason}.\n${GET_ELECTRON_HELP}`);
}

describe.skipIf(!binary.found)('desktop console end to end (Playwright _electron)', () => {
  let app: TestAppliance;
  let user: { username: string; password: string };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'console-e2e-'));
  const out = path.join(tmp, 'out');
  const launch = (args: string[]) =>
    electron.launch({
      executablePath: (binary as { path: string }).path,
      // Chromium's OS sandbox needs a setuid helper CI containers lack; the renderer sandbox setting is unaffected.
      args: [
        path.join(out, 'main/index.js'),
        `--site=${app.url}`,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        ...args,
      ],
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config'), HOME: tmp },
    });

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      env: { ...process.env, CONSOLE_OUT_DIR: out },
      stdio: 'pipe',
    });
    app = await startTestAppliance();
    user = await createUser(app, await adminToken(app));
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('logs in through the bridge; no Node, no ipcRenderer and no token in the page; navigation is blocked', async () => {
    const console = await launch([]);
    const page = await console.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(page.url()).toBe('app://console/index.html');
    const globals = await page.evaluate(() => ({
      bridge: typeof (window as any).consoleApi,
      require: typeof (window as any).require,
      process: typeof (window as any).process,
      ipc: typeof (window as any).ipcRenderer,
    }));
    expect(globals).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined', ipc: 'undefined' });
    const login = await page.evaluate(({ u, p }) => (window as any).consoleApi.login({ username: u, password: p }), {
      u: user.username,
      p: user.password,
    });
    expect(login.ok).toBe(true);
    expect(JSON.stringify(login)).not.toMatch(/"token"/);
    const bad = await page.evaluate(() => (window as any).consoleApi.login({ username: 'x' }));
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc_invalid_arguments' } });
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(await console.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://console/index.html');
    await console.close();
  });

  it('--silent opens no window and exits 0', async () => {
    const console = await launch(['--silent']);
    const code = await new Promise<number | null>((resolve) => console.process().once('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(console.windows()).toHaveLength(0);
  });
});
