/* eslint-disable @typescript-eslint/no-explicit-any -- the exposed bridge is read untyped, as a page would */
/**
 * `electron-vite build` works on a machine without the Electron binary and produces what the app
 * loads: an ESM main importing only electron, Node built-ins and declared dependencies; ONE
 * CommonJS preload requiring nothing but electron (a sandboxed preload cannot load anything else);
 * the renderer's index.html.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'console-build-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('electron-vite build', () => {
  beforeAll(() => {
    expect(
      fs.existsSync(path.join(root, 'node_modules/electron/dist')),
      'this test is about building without the binary',
    ).toBe(false);
    execFileSync(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      env: { ...process.env, CONSOLE_OUT_DIR: out },
      stdio: 'pipe',
      timeout: 240_000,
    });
  }, 300_000);

  it('main: out/main/index.js (package.json "main"), ESM, imports only electron, node built-ins and dependencies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    const code = fs.readFileSync(path.join(out, 'main/index.js'), 'utf8');
    const imports = [...code.matchAll(/^import .* from "([^"]+)";?$/gm)].map((m) => m[1]!);
    expect(imports).toContain('electron');
    const allowed = new Set([
      'electron',
      ...builtinModules.map((m) => `node:${m}`),
      ...builtinModules,
      ...Object.keys(pkg.dependencies),
    ]);
    for (const spec of imports) expect(allowed.has(spec) || allowed.has(spec.split('/')[0]!), spec).toBe(true);
    expect(code).not.toMatch(/rejectUnauthorized\s*:\s*false\s*[,}\n]/); // (a comment mentioning it is fine)
  });

  it('preload: one CommonJS file that requires only electron', () => {
    expect(fs.readdirSync(path.join(out, 'preload'))).toEqual(['index.cjs']);
    const code = fs.readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    expect([...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export) /m);
    expect(code).toContain('exposeInMainWorld');
    expect(code).toContain('consoleApi');
  });

  it('the built preload runs where only require("electron") exists and exposes the four bridges', async () => {
    const exposed = new Map<string, any>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: 'pong' }),
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandbox = {
      require: (id: string) => {
        if (id === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
      module: { exports: {} },
      exports: {},
      console,
      // Web globals a sandboxed preload has (it runs in a renderer); no Node ones.
      TextEncoder,
      TextDecoder,
      URL,
      structuredClone,
      setTimeout,
      clearTimeout,
      queueMicrotask,
    };
    vm.runInNewContext(fs.readFileSync(path.join(out, 'preload/index.cjs'), 'utf8'), sandbox, {
      filename: 'index.cjs',
    });
    expect([...exposed.keys()].sort()).toEqual(['consoleApi', 'consoleSite', 'consoleUpdates', 'consoleUploads']);
    const bridge = exposed.get('consoleApi');
    expect(bridge.kind).toBe('desktop');
    expect(await bridge.getSite()).toEqual({ ok: true, value: 'pong' });
    expect(await exposed.get('consoleSite').set('https://support.example.com')).toEqual({ ok: true, value: 'pong' });
    expect(await exposed.get('consoleUpdates').restartNow()).toEqual({ ok: true, value: 'pong' });
    expect(await exposed.get('consoleUploads').pickFile()).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([
      ['console:getSite'],
      ['desktop:site:set', 'https://support.example.com'],
      ['desktop:updates:restartNow'],
      ['desktop:uploads:pickFile'],
    ]);
    for (const key of exposed.keys()) {
      expect(Object.values(exposed.get(key)).some((v) => v === electron.ipcRenderer)).toBe(false);
    }
  });

  it('renderer: index.html with relative asset paths', () => {
    const html = fs.readFileSync(path.join(out, 'renderer/index.html'), 'utf8');
    expect(html).toMatch(/src="\.\/assets\/[^"]+\.js"/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script (the CSP forbids it)
  });
});
