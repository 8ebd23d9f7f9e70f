/**
 * A throw-away 64-bit wine prefix for installer tests: created once per test file (wineboot in a
 * fresh prefix takes ~10 s here), no display, no debug output, no Mono/Gecko prompts.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface WinePrefix {
  dir: string;
  /** Seconds `wineboot -i` took to create the prefix. */
  bootSeconds: number;
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { cwd?: string; timeoutMs?: number }): SpawnSyncReturns<string>;
  /** A Windows path (C:\…) of this prefix as a host path. */
  hostPath(windowsPath: string): string;
  /** `reg query <key> /v <name>` → the value, or null when the key or value is missing. */
  regValue(key: string, name: string): string | null;
  regKeyExists(key: string): boolean;
  /** Expands a Windows environment variable (%LOCALAPPDATA%, %TEMP%) inside the prefix. */
  expand(variable: string): string;
  dispose(): void;
}

/** A host path as wine sees it through its Z: drive. */
export function winePathOf(hostPath: string): string {
  return `Z:${path.resolve(hostPath).replace(/\//g, '\\')}`;
}

export function createWinePrefix(): WinePrefix {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wineprefix-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINEPREFIX: dir,
    WINEDEBUG: '-all',
    WINEDLLOVERRIDES: 'mscoree,mshtml=',
  };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const run = (args: string[], opts: { cwd?: string; timeoutMs?: number } = {}) =>
    spawnSync('wine', args, { env, cwd: opts.cwd, encoding: 'utf8', timeout: opts.timeoutMs ?? 120_000 });

  const started = process.hrtime.bigint();
  const boot = run(['wineboot', '-i'], { timeoutMs: 240_000 });
  spawnSync('wineserver', ['-w'], { env, timeout: 240_000 });
  const bootSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (boot.status !== 0 && !fs.existsSync(path.join(dir, 'system.reg'))) {
    throw new Error(`wineboot failed (${boot.status}): ${boot.stderr}`);
  }

  const hostPath = (windowsPath: string) => {
    const m = /^([A-Za-z]):\\?(.*)$/.exec(windowsPath.trim());
    if (!m || m[1]!.toUpperCase() !== 'C') throw new Error(`not a C: path: ${windowsPath}`);
    return path.join(dir, 'drive_c', ...m[2]!.split('\\').filter(Boolean));
  };
  const regQuery = (args: string[]) => run(['reg', 'query', ...args]);
  const expanded = new Map<string, string>();
  return {
    dir,
    bootSeconds,
    env,
    run,
    hostPath,
    regValue(key, name) {
      const r = regQuery([key, '/v', name]);
      if (r.status !== 0) return null;
      const line = r.stdout.split(/\r?\n/).find((l) => l.trim().startsWith(`${name} `));
      const m = line ? /^\s*\S+\s+REG_\w+\s+(.*)$/.exec(line) : null;
      return m ? m[1]!.trimEnd() : null;
    },
    regKeyExists(key) {
      return regQuery([key]).status === 0;
    },
    expand(variable) {
      if (!expanded.has(variable)) expanded.set(variable, run(['cmd', '/c', `echo %${variable}%`]).stdout.trim());
      return expanded.get(variable)!;
    },
    dispose() {
      // Stops this prefix's wineserver only (WINEPREFIX selects it), then removes the prefix.
      spawnSync('wineserver', ['-k'], { env, timeout: 30_000 });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
