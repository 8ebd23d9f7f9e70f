/**
 * `npm start` (scripts/start.ts) on a machine without the Electron binary: it builds, starts the
 * appliance with a first admin (random password printed once), says the binary is missing and how
 * to get it, prints the web console URL — which serves the console — and keeps running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
let child: ChildProcess | null = null;

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm start without an Electron binary', () => {
  it('runs the appliance, explains the missing binary and serves the web console', async () => {
    child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
      cwd: root,
      env: {
        ...process.env,
        APPLIANCE_PORT: '0',
        APPLIANCE_DATA_DIR: path.join(tmp, 'data'),
        CONSOLE_OUT_DIR: path.join(tmp, 'out'),
        APPLIANCE_LOG_LEVEL: 'silent',
        APPLIANCE_ADMIN_USERNAME: '',
        APPLIANCE_ADMIN_PASSWORD: '',
        ELECTRON_OVERRIDE_DIST_PATH: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    const end = Date.now() + 150_000;
    while (!/Web console: (\S+)/.test(output)) {
      if (child.exitCode !== null || Date.now() > end)
        throw new Error(`npm start did not print the web console URL:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const webConsole = /Web console: (\S+)/.exec(output)![1]!;
    expect(webConsole).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/$/);
    expect(output).toMatch(/The desktop console cannot start here: the Electron binary is not installed/);
    expect(output).toMatch(/node node_modules\/electron\/install\.js/);
    expect(output).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);

    const page = await fetch(webConsole);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<div id="root"|<script type="module"/);

    const admin = /First administrator created: username "([^"]+)", password "([^"]+)"/.exec(output);
    expect(admin, output).not.toBeNull();
    const base = webConsole.replace(/\/console\/$/, '');
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin![1], password: admin![2], client: 'console' }),
    });
    expect(login.status).toBe(200);

    await new Promise((r) => setTimeout(r, 500));
    expect(child.exitCode).toBeNull(); // still running
    child.kill('SIGTERM');
    const code = await new Promise((r) => child!.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  }, 180_000);
});
